const ids = new Set();
let version = 1;

module.exports.handler = async (event) => {
  ids.delete('stale'); // want "LMI001"
  version = version + 1; // want "LMI001"
  return shape(event);
};

function shape(e) {
  let version = 3;
  version++; // ok: local that shadows the module binding
  return { e, version };
}

exports.format = (event) => {
  ids.clear(); // ok: exported helper that no handler calls
  return event;
};
