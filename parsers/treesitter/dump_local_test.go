package treesitter
import ("os";"testing";"fmt")
func TestDumpFile(t *testing.T){
  f:=os.Getenv("DUMP"); if f==""{t.Skip()}
  src,_:=os.ReadFile(f)
  g:=JavaScript(); if os.Getenv("TS")!=""{g=TypeScript()}
  p,_:=NewParser(g,0); n,_,_:=p.Parse(src); fmt.Print(Dump(g,n,src))
}
