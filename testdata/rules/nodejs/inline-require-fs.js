// LMI005 false negative: fs reached through an inline require() is not
// recognised (`const fs = require('fs')` then fs.promises.writeFile is).
exports.handler = async (event) => {
  await require('fs').promises.writeFile('/tmp/inline.json', '{}'); // want "LMI005"
  require('fs').writeFileSync('/tmp/other.json', '{}'); // want "LMI005"
  return event;
};
