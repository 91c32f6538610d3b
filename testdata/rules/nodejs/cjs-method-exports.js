let hits = 0;
let tenant;

exports = module.exports = {
  async handler(event) {
    hits++; // want "LMI001"
    ({ tenant } = event.requestContext); // want "LMI003"
    return hits;
  },
};
