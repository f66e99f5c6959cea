package trust

import "fmt"

// Level is an autonomy level, L0 (disabled) to L5 (full autonomy). A reflex
// header `autonomy L3` asks for at least L3.
type Level int8

// The autonomy levels.
const (
	L0        Level = iota // disabled: the agent runs nothing on its own
	L1                     // advisory: it may suggest
	L2                     // supervised: it acts under a human's eye
	L3                     // semi-autonomous
	L4                     // high autonomy
	L5                     // full autonomy
	NumLevels int   = iota
)

var levelNames = [NumLevels]string{
	"disabled", "advisory", "supervised", "semi-autonomous", "high autonomy", "full autonomy",
}

// String renders a level as it is written in a reflex header and described,
// e.g. "L3 semi-autonomous".
func (l Level) String() string {
	if !l.valid() {
		return fmt.Sprintf("L?(%d)", int(l))
	}
	return fmt.Sprintf("L%d %s", int(l), levelNames[l])
}

func (l Level) valid() bool { return l >= L0 && int(l) < NumLevels }

// ParseLevel reads "L0".."L5", the spelling of a reflex header.
func ParseLevel(s string) (Level, error) {
	if len(s) == 2 && (s[0] == 'L' || s[0] == 'l') && s[1] >= '0' && int(s[1]-'0') < NumLevels {
		return Level(s[1] - '0'), nil
	}
	return 0, fmt.Errorf("%w: autonomy level %q, want L0..L5", ErrInvalid, s)
}
