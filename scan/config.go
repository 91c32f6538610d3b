package scan

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/bmatcuk/doublestar/v4"
	"gopkg.in/yaml.v3"

	"github.com/lmicheck/lmicheck/findings"
	"github.com/lmicheck/lmicheck/rules"
)

// ConfigFileName is the configuration file lmicheck looks for, from the first
// scanned path upward.
const ConfigFileName = ".lmicheck.yaml"

// Config is the content of .lmicheck.yaml.
type Config struct {
	// Include: when set, only files matching one of these globs are scanned.
	Include []string `yaml:"include"`
	// Exclude: files and folders matching these globs are skipped.
	Exclude []string `yaml:"exclude"`
	// Rules: per rule ID, "off" or a severity (error, warning, note).
	Rules map[string]string `yaml:"rules"`
	// FailOn: the lowest severity that makes the exit code 1.
	FailOn string `yaml:"fail-on"`
	// MaxFileSize: files larger than this many bytes are skipped (default 1 MiB).
	MaxFileSize int64 `yaml:"max-file-size"`

	// Dir is the folder the file was found in; globs are relative to it.
	Dir string `yaml:"-"`
	// Path of the file, "" when none was found.
	Path string `yaml:"-"`
}

// LoadConfig reads a configuration file. Unknown keys are errors: a typo must
// not silently disable a setting.
func LoadConfig(path string) (*Config, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("config %s: %w", path, err)
	}
	c := &Config{}
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	if err := dec.Decode(c); err != nil && !errors.Is(err, io.EOF) { // an empty file is an empty config
		return nil, fmt.Errorf("config %s: %s", path, strings.TrimPrefix(err.Error(), "yaml: "))
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	c.Path = abs
	c.Dir = filepath.Dir(abs)
	return c, c.validate()
}

func (c *Config) validate() error {
	for _, g := range append(append([]string{}, c.Include...), c.Exclude...) {
		if !doublestar.ValidatePattern(g) {
			return fmt.Errorf("config %s: bad glob %q", c.Path, g)
		}
	}
	for id, v := range c.Rules {
		if _, ok := rules.Lookup(id); !ok {
			return fmt.Errorf("config %s: rules.%s: no such rule (see 'lmicheck rules')", c.Path, id)
		}
		if _, err := findings.ParseSeverity(v); err != nil {
			return fmt.Errorf("config %s: rules.%s: %v", c.Path, id, err)
		}
	}
	if c.FailOn != "" {
		if _, err := findings.ParseSeverity(c.FailOn); err != nil {
			return fmt.Errorf("config %s: fail-on: %v", c.Path, err)
		}
	}
	if c.MaxFileSize < 0 {
		return fmt.Errorf("config %s: max-file-size must be positive", c.Path)
	}
	return nil
}

// DiscoverConfig looks for .lmicheck.yaml in start (a folder or a file's
// folder) and its parents. It returns nil when there is none.
func DiscoverConfig(start string) (*Config, error) {
	abs, err := filepath.Abs(start)
	if err != nil {
		return nil, err
	}
	if st, err := os.Stat(abs); err == nil && !st.IsDir() {
		abs = filepath.Dir(abs)
	}
	for dir := abs; ; dir = filepath.Dir(dir) {
		p := filepath.Join(dir, ConfigFileName)
		if st, err := os.Stat(p); err == nil && !st.IsDir() {
			return LoadConfig(p)
		} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("config %s: %w", p, err)
		}
		if filepath.Dir(dir) == dir {
			return nil, nil
		}
	}
}
