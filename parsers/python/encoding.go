package python

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/ianaindex"
)

// codingRE is PEP 263's coding declaration, allowed on the first two lines.
var codingRE = regexp.MustCompile(`^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)`)

// Decode returns src as UTF-8. A file that declares an encoding other than
// UTF-8 (a PEP 263 coding line in its first two lines) is decoded from it
// when golang.org/x/text knows the encoding; otherwise, or when the bytes do
// not decode, Decode reports an error naming the encoding. A file that is
// already valid UTF-8 is returned as is when it holds only ASCII (the
// declaration then changes nothing).
func Decode(src []byte) ([]byte, error) {
	name := declaredEncoding(src)
	if name == "" || isUTF8Name(name) {
		return src, nil
	}
	if isASCII(src) {
		return src, nil
	}
	enc := lookupEncoding(name)
	if enc == nil {
		return nil, fmt.Errorf("declares the encoding %q (PEP 263 coding line), which lmicheck cannot decode (file skipped; save it as UTF-8 to have it checked)", name)
	}
	out, err := enc.NewDecoder().Bytes(src)
	if err != nil || !utf8.Valid(out) {
		return nil, fmt.Errorf("is not valid %s text as its coding line declares (file skipped)", name)
	}
	return out, nil
}

func declaredEncoding(src []byte) string {
	src = bytes.TrimPrefix(src, []byte("\xef\xbb\xbf"))
	for line := 0; line < 2 && len(src) > 0; line++ {
		end := bytes.IndexByte(src, '\n')
		if end < 0 {
			end = len(src)
		}
		text := string(src[:min(end, 400)])
		if m := codingRE.FindStringSubmatch(text); m != nil {
			return m[1]
		}
		// Only a comment or blank first line lets the second line declare.
		if t := strings.TrimSpace(text); t != "" && !strings.HasPrefix(t, "#") {
			return ""
		}
		if end == len(src) {
			break
		}
		src = src[end+1:]
	}
	return ""
}

func isUTF8Name(name string) bool {
	n := strings.ToLower(strings.ReplaceAll(name, "_", "-"))
	return n == "utf-8" || n == "utf8" || n == "utf-8-sig" || strings.HasPrefix(n, "utf-8-")
}

func isASCII(b []byte) bool {
	for _, c := range b {
		if c >= 0x80 {
			return false
		}
	}
	return true
}

// lookupEncoding maps a Python codec name to an encoding: IANA names and
// aliases first, then WHATWG labels, then Python's own spellings.
func lookupEncoding(name string) encoding.Encoding {
	n := strings.ToLower(strings.ReplaceAll(name, "_", "-"))
	python := map[string]string{
		"latin-1": "iso-8859-1", "latin1": "iso-8859-1", "l1": "iso-8859-1", "iso-latin-1": "iso-8859-1",
		"cp1252": "windows-1252", "cp1251": "windows-1251", "cp1250": "windows-1250",
		"euc-jp": "euc-jp", "shift-jis": "shift_jis", "sjis": "shift_jis", "cp932": "windows-31j",
		"gb2312": "gb2312", "gbk": "gbk", "gb18030": "gb18030", "big5": "big5", "euc-kr": "euc-kr",
		"koi8-r": "koi8-r", "ascii": "us-ascii", "us-ascii": "us-ascii",
	}
	candidates := []string{n}
	if alias, ok := python[n]; ok {
		candidates = append([]string{alias}, candidates...)
	}
	for _, c := range candidates {
		if e, err := ianaindex.IANA.Encoding(c); err == nil && e != nil {
			return e
		}
		if e, err := htmlindex.Get(c); err == nil && e != nil {
			return e
		}
	}
	return nil
}
