// Command lmicheck finds what will break in AWS Lambda functions when they
// move to Lambda Managed Instances, where one execution environment serves
// many invocations at once.
//
// Exit codes, the same for every output format:
//
//	0  nothing at or above --fail-on
//	1  findings at or above --fail-on
//	2  usage or configuration error
//	3  incomplete: some input could not be analysed (outputs are still written)
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"

	"github.com/lmicheck/lmicheck/findings"
	"github.com/lmicheck/lmicheck/report"
	"github.com/lmicheck/lmicheck/rules"
	"github.com/lmicheck/lmicheck/scan"
)

// Exit codes.
const (
	exitOK         = 0
	exitFindings   = 1
	exitUsage      = 2
	exitIncomplete = 3
)

// version is set at build time with -ldflags "-X main.version=v1.2.3".
var version = ""

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

func lmicheckVersion() string {
	if version != "" {
		return version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return devVersion
}

// devVersion is the version of builds without release information.
const devVersion = "0.1.0-dev"

// scanFlags are the scan command's options.
type scanFlags struct {
	format     string
	output     string
	sarifOut   string
	jsonOut    string
	textOut    string
	githubOut  string
	failOn     string
	jobs       int
	configPath string
	noConfig   bool
	quiet      bool
	target     string
}

func (f *scanFlags) register(cmd *cobra.Command) {
	fl := cmd.Flags()
	fl.StringVarP(&f.format, "format", "f", "text", "output format: "+strings.Join(report.Formats(), ", "))
	fl.StringVarP(&f.output, "output", "o", "", "write the --format output to `FILE` instead of standard output")
	fl.StringVar(&f.sarifOut, "sarif", "", "also write SARIF to `FILE`")
	fl.StringVar(&f.jsonOut, "json", "", "also write JSON to `FILE`")
	fl.StringVar(&f.textOut, "text", "", "also write text to `FILE`")
	fl.StringVar(&f.githubOut, "github", "", "also write GitHub workflow commands to `FILE`")
	fl.StringVar(&f.failOn, "fail-on", "", "lowest severity that makes the exit code 1: error, warning, note, none (default warning, or fail-on in the config)")
	fl.IntVarP(&f.jobs, "jobs", "j", 0, "parser workers (default: one per CPU)")
	fl.StringVar(&f.configPath, "config", "", "configuration `FILE` (default: "+scan.ConfigFileName+" in the first path's folder or above)")
	fl.BoolVar(&f.noConfig, "no-config", false, "ignore "+scan.ConfigFileName+" files")
	fl.BoolVarP(&f.quiet, "quiet", "q", false, "print no summary on standard error")
	fl.StringVar(&f.target, "target", "", "`lmi` for a migration audit: also note what functions not yet on Lambda Managed Instances would need")
}

// exitError carries an exit code out of a cobra command.
type exitError struct{ code int }

func (e *exitError) Error() string { return fmt.Sprintf("exit %d", e.code) }

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	root := newRoot(ctx, stdout, stderr)
	root.SetArgs(args)
	err := root.Execute()
	var ee *exitError
	switch {
	case err == nil:
		return exitOK
	case errors.As(err, &ee):
		return ee.code
	default:
		fmt.Fprintf(stderr, "lmicheck: %v\n", err)
		if !strings.Contains(err.Error(), "\n") {
			fmt.Fprintln(stderr, "Run 'lmicheck --help' for usage.")
		}
		return exitUsage
	}
}

func newRoot(ctx context.Context, stdout, stderr io.Writer) *cobra.Command {
	var sf scanFlags
	rootCmd := &cobra.Command{
		Use:   "lmicheck [PATH…]",
		Short: "Find what breaks when AWS Lambda functions move to Lambda Managed Instances",
		Long: "lmicheck reads the source of AWS Lambda functions and reports what will break when one execution\n" +
			"environment serves many invocations at once (Lambda Managed Instances): shared mutable state,\n" +
			"request data in shared scope, fixed /tmp paths, per-request connections, callback handlers.\n\n" +
			"With no subcommand it scans the given paths (default: the current folder).\n\n" +
			"Exit codes: 0 nothing at or above --fail-on, 1 findings, 2 usage or configuration error,\n" +
			"3 incomplete (some input could not be analysed; outputs are still written).",
		Args:          cobra.ArbitraryArgs,
		SilenceUsage:  true,
		SilenceErrors: true,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runScan(ctx, &sf, args, stdout, stderr)
		},
	}
	rootCmd.SetOut(stdout)
	rootCmd.SetErr(stderr)
	sf.register(rootCmd)

	var scanSF scanFlags
	scanCmd := &cobra.Command{
		Use:   "scan [PATH…]",
		Short: "Scan paths for LMI hazards (the default command)",
		Args:  cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runScan(ctx, &scanSF, args, stdout, stderr)
		},
	}
	scanSF.register(scanCmd)

	var rulesFormat string
	rulesCmd := &cobra.Command{
		Use:   "rules",
		Short: "List the rules",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return listRules(stdout, rulesFormat)
		},
	}
	rulesCmd.Flags().StringVarP(&rulesFormat, "format", "f", "text", "text, json or markdown")

	explainCmd := &cobra.Command{
		Use:   "explain RULE",
		Short: "Explain a rule, with unsafe and safe examples per runtime",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			info, ok := rules.Lookup(args[0])
			if !ok {
				return fmt.Errorf("unknown rule %q (see 'lmicheck rules')", args[0])
			}
			fmt.Fprint(stdout, report.HelpMarkdown(info))
			fmt.Fprintf(stdout, "\nMore: %s\n", info.HelpURI)
			return nil
		},
	}

	versionCmd := &cobra.Command{
		Use:   "version",
		Short: "Print lmicheck's version",
		Args:  cobra.NoArgs,
		Run: func(cmd *cobra.Command, args []string) {
			fmt.Fprintf(stdout, "lmicheck %s\n", lmicheckVersion())
		},
	}
	rootCmd.AddCommand(scanCmd, newSizeCmd(ctx, stdout, stderr), rulesCmd, explainCmd, versionCmd)
	rootCmd.CompletionOptions.DisableDefaultCmd = true
	return rootCmd
}

func runScan(ctx context.Context, sf *scanFlags, args []string, stdout, stderr io.Writer) error {
	format, err := report.ParseFormat(sf.format)
	if err != nil {
		return err
	}
	var cfg *scan.Config
	switch {
	case sf.configPath != "":
		if cfg, err = scan.LoadConfig(sf.configPath); err != nil {
			return err
		}
	case !sf.noConfig:
		start := "."
		if len(args) > 0 {
			start = args[0]
		}
		if cfg, err = scan.DiscoverConfig(start); err != nil {
			return err
		}
	}
	failOn := findings.Warning
	if cfg != nil && cfg.FailOn != "" {
		failOn, _ = findings.ParseSeverity(cfg.FailOn)
	}
	if sf.failOn != "" {
		if failOn, err = findings.ParseSeverity(sf.failOn); err != nil {
			return fmt.Errorf("--fail-on: %v", err)
		}
	}
	if sf.jobs < 0 {
		return fmt.Errorf("--jobs must be 0 or more")
	}
	if sf.target != "" && sf.target != "lmi" {
		return fmt.Errorf("--target: unknown target %q (the only one is lmi)", sf.target)
	}
	opts := scan.Options{Paths: args, Config: cfg, Jobs: sf.jobs, TargetLMI: sf.target == "lmi"}
	res, err := scan.Run(ctx, opts)
	if err != nil {
		return err
	}
	cwd, _ := os.Getwd()
	ropts := report.Options{Root: res.Root, Cwd: cwd, Version: lmicheckVersion()}

	outputs := []struct {
		format report.Format
		path   string
	}{{format, sf.output}}
	for _, o := range []struct {
		f report.Format
		p string
	}{{report.SARIF, sf.sarifOut}, {report.JSON, sf.jsonOut}, {report.Text, sf.textOut}, {report.GitHub, sf.githubOut}} {
		if o.p != "" {
			outputs = append(outputs, struct {
				format report.Format
				path   string
			}{o.f, o.p})
		}
	}
	for _, o := range outputs {
		if err := writeOutput(o.format, o.path, res, ropts, stdout); err != nil {
			return err
		}
	}
	if !sf.quiet {
		for _, line := range report.NoticeLines(res, ropts) {
			fmt.Fprintln(stderr, line)
		}
		fmt.Fprintln(stderr, report.Summary(res))
	}
	switch {
	case failOn != findings.None && res.CountAtLeast(failOn) > 0:
		return &exitError{exitFindings}
	case res.Incomplete():
		return &exitError{exitIncomplete}
	}
	return nil
}

func writeOutput(f report.Format, path string, res *findings.Result, opts report.Options, stdout io.Writer) error {
	if path == "" || path == "-" {
		return report.Write(stdout, f, res, opts)
	}
	out, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("write %s output: %v", f, err)
	}
	if err := report.Write(out, f, res, opts); err != nil {
		out.Close()
		return fmt.Errorf("write %s: %v", path, err)
	}
	return out.Close()
}

func listRules(w io.Writer, format string) error {
	infos := rules.Infos()
	switch format {
	case "text":
		for _, r := range infos {
			var rts []string
			for _, rt := range rules.Runtimes() {
				if s, ok := r.Severity[rt]; ok {
					rts = append(rts, rt+"="+s.String())
				}
			}
			fmt.Fprintf(w, "%s  %-32s %s\n        %s\n", r.ID, r.Name, r.Summary, strings.Join(rts, " "))
		}
	case "json":
		return report.WriteRulesJSON(w, infos)
	case "markdown", "md":
		fmt.Fprint(w, report.RulesMarkdown(infos))
	default:
		return fmt.Errorf("unknown format %q (want text, json or markdown)", format)
	}
	return nil
}
