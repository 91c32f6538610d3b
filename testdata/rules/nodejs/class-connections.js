const { DynamoDBClient } = require('@aws-sdk/client-dynamodb');
const { Client } = require('pg');

class SharedRepo {
  constructor() {
    this.ddb = new DynamoDBClient({}); // ok: only instantiated at module scope
  }
}

const sharedRepo = new SharedRepo();

function openForInit() {
  return new Client(); // ok: only called at module init
}
const initClient = openForInit();

exports.handler = async (event) => {
  const ddb = new DynamoDBClient({ region: event.region }); // want "LMI006"
  return [ddb, sharedRepo, initClient];
};
