package javascript

import "testing"

func TestBlankTypeParamModifiers(t *testing.T) {
	cases := map[string]string{
		"interface Box<out A, in B = never, in out C extends string> {}": "interface Box<    A,    B = never,        C extends string> {}",
		"function f<const T extends unknown[]>(x: T) {}":                 "function f<      T extends unknown[]>(x: T) {}",
		"type P<\n  out O,\n  in I\n> = {}":                              "type P<\n      O,\n     I\n> = {}",
	}
	for in, want := range cases {
		got, ok := blankTypeParamModifiers([]byte(in))
		if !ok || string(got) != want {
			t.Errorf("%q:\n got %q\nwant %q", in, got, want)
		}
	}
	for _, in := range []string{
		"for (const x of xs) {}", "const o = { out: 1, in: 2 }", "if (a < b && c in d) {}",
		"f(a, const_b)", "x = a < out", "let a = [1, in2]",
	} {
		if got, ok := blankTypeParamModifiers([]byte(in)); ok {
			t.Errorf("%q changed to %q", in, got)
		}
	}
}
