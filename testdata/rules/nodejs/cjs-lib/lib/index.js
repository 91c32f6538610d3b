const { query } = require('./db');
const { record, reset } = require('./metrics');

module.exports = { query, record, reset };
