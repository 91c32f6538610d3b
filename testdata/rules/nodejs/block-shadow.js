// LMI001 false negative: a `let` declared in an inner block (`if {}` / `{}`)
// hides the module binding for the WHOLE function, so the write outside the
// block is missed.
let a = 1;

exports.handler = async (event) => {
  a = 5; // want "LMI001"
  if (event.nested) {
    let a = 0;
    a++; // ok: block-scoped local shadows the module binding
  }
  return a;
};
