package javascript
import ("os";"testing";"encoding/json";"fmt")
func TestDumpFacts(t *testing.T){
  f:=os.Getenv("FACTS"); if f==""{t.Skip()}
  src,_:=os.ReadFile(f)
  fe:=New(0); defer fe.Close()
  ff,err:=fe.Parse("src/"+f[len(f)-4:], src); if err!=nil{t.Fatal(err)}
  b,_:=json.MarshalIndent(ff,"","  "); fmt.Println(string(b))
}
