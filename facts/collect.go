package facts

// SourceCollector gathers what values derive from while a front-end lowers
// nested expressions: Push opens a scope, Pop closes it (its sources also
// count for the enclosing scope), Add records into the innermost one. Each
// scope keeps at most Max sources, so long expressions stay small.
type SourceCollector struct {
	Max   int
	stack [][]Source
}

// Push opens a scope.
func (c *SourceCollector) Push() { c.stack = append(c.stack, nil) }

// Pop closes the innermost scope and returns its sources.
func (c *SourceCollector) Pop() []Source {
	n := len(c.stack) - 1
	s := c.stack[n]
	c.stack = c.stack[:n]
	if n > 0 {
		c.stack[n-1] = c.Append(c.stack[n-1], s...)
	}
	return s
}

// Add records sources in the innermost scope (none open: dropped).
func (c *SourceCollector) Add(s ...Source) {
	if n := len(c.stack); n > 0 {
		c.stack[n-1] = c.Append(c.stack[n-1], s...)
	}
}

// Append adds src to dst up to Max.
func (c *SourceCollector) Append(dst []Source, src ...Source) []Source {
	for _, s := range src {
		if len(dst) >= c.Max {
			break
		}
		dst = append(dst, s)
	}
	return dst
}

// AddRef records a reference once.
func (f *Function) AddRef(r Ref) {
	for _, e := range f.Refs {
		if e == r {
			return
		}
	}
	f.Refs = append(f.Refs, r)
}
