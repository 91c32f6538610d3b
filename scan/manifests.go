package scan

import (
	"bytes"
	"cmp"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"slices"

	"github.com/lmicheck/lmicheck/facts"
	"github.com/lmicheck/lmicheck/findings"
	"github.com/lmicheck/lmicheck/parsers/manifests"
)

// maxLockSize caps lock files, which are larger than manifests by nature
// (a package-lock.json of several megabytes is common).
const maxLockSize = 64 << 20

// readManifests reads the dependency manifests and lock files the walk
// found, attaches each lock file's versions to the manifests beside it, and
// returns the manifests sorted by path. An unreadable, oversized or
// malformed file is reported as a notice and skipped; the scan goes on.
func readManifests(root string, rels []string, limit int64) ([]facts.Manifest, []findings.Notice) {
	var notices []findings.Notice
	read := func(rel string, limit int64) ([]byte, bool) {
		p := filepath.Join(root, filepath.FromSlash(rel))
		st, err := os.Stat(p)
		if err == nil && st.Size() > limit {
			notices = append(notices, notice(findings.TooLarge, rel, 0,
				fmt.Sprintf("%s: %d bytes, over the %d-byte limit (manifest skipped; its dependencies were not checked)", rel, st.Size(), limit), false))
			return nil, false
		}
		src, err := os.ReadFile(p)
		if err != nil {
			notices = append(notices, notice(findings.Unreadable, rel, 0,
				fmt.Sprintf("read %s: %v (manifest skipped; its dependencies were not checked)", rel, unwrapPathError(err)), false))
			return nil, false
		}
		return bytes.TrimPrefix(src, []byte("\xef\xbb\xbf")), true
	}
	bad := func(rel string, err error) {
		notices = append(notices, notice(findings.BadManifest, rel, 0,
			fmt.Sprintf("%v (manifest skipped; its dependencies were not checked)", err), false))
	}
	locks := map[string]*manifests.Lock{} // by path
	var out []facts.Manifest
	for _, rel := range rels {
		if !manifests.IsLock(rel) {
			continue
		}
		src, ok := read(rel, max(limit, maxLockSize))
		if !ok {
			continue
		}
		l, err := manifests.ParseLock(rel, src)
		if err != nil {
			bad(rel, err)
			continue
		}
		locks[rel] = l
	}
	for _, rel := range rels {
		if manifests.IsLock(rel) {
			continue
		}
		src, ok := read(rel, limit)
		if !ok {
			continue
		}
		m, err := manifests.Parse(rel, src)
		if err != nil {
			bad(rel, err)
			continue
		}
		if lock := manifests.LockFor(rel); lock != "" {
			manifests.Resolve(m, locks[path.Join(path.Dir(rel), lock)])
		}
		out = append(out, *m)
	}
	slices.SortFunc(out, func(a, b facts.Manifest) int { return cmp.Compare(a.Path, b.Path) })
	return out, notices
}
