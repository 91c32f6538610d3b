const { query, record } = require('./lib');

let lastSql;

exports.handler = async (event) => {
  record('invocations');
  lastSql = 'SELECT 1'; // want "LMI001"
  return query(lastSql);
};
