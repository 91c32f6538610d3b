package scan

import (
	"errors"
	"strconv"
)

func errorsAs(err error, target any) bool { return errors.As(err, target) }
func fmtInt(n int) string                 { return strconv.Itoa(n) }
