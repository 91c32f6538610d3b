// False negatives: the constructor of a class instantiated in the handler, and
// methods called on that per-invocation instance, are not treated as
// invocation code (methods on module-scope instances are).
const { DynamoDBClient } = require('@aws-sdk/client-dynamodb');

let created = 0;
let saved = 0;

class Repo {
  constructor() {
    created++; // want "LMI001"
    this.ddb = new DynamoDBClient({}); // want "LMI006"
  }

  save() {
    saved += 1; // want "LMI001"
  }
}

exports.handler = async (event) => {
  const repo = new Repo();
  repo.save();
  return event;
};
