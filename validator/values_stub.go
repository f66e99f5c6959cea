package validator

// Temporary until validator/interval lands.
type valueSet struct{}

func (valueSet) String() string { return "any" }

func (v *validator) values() {}
