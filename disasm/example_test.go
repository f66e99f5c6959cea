package disasm_test

import (
	"fmt"

	"github.com/nexusfleet/nexus/disasm"
	"github.com/nexusfleet/nexus/vm/nxb"
)

func ExampleText() {
	code := []byte{
		0x16, 0x00, 0x10, 0x00, 0, 0, 0, 0,
		0x01, 0x01, 0x00, 0x00, 0x64, 0, 0, 0,
		0x04, 0x02, 0x00, 0x01, 0, 0, 0, 0,
		0x17, 0x11, 0x02, 0x00, 0, 0, 0, 0,
		0x14, 0x02, 0x00, 0x00, 0, 0, 0, 0,
		0x18, 0x00, 0x00, 0x00, 0, 0, 0, 0,
	}
	fmt.Print(string(disasm.Text(nxb.Raw(code), disasm.Options{Raw: true, Addresses: true})))
	// Output:
	// ; NEXUS bare instruction stream: 6 instructions
	//
	//         READ_IO      R0, R16                    ; 0000: 16 00 10 00 00 00 00 00
	//         LOAD_CONST   R1, 100                    ; 0008: 01 01 00 00 64 00 00 00
	//         ADD          R2, R0, R1                 ; 0010: 04 02 00 01 00 00 00 00
	//         WRITE_IO     R17, R2                    ; 0018: 17 11 02 00 00 00 00 00
	//         PUSH         R2                         ; 0020: 14 02 00 00 00 00 00 00
	//         HALT                                    ; 0028: 18 00 00 00 00 00 00 00
}
