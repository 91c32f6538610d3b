const mysql = require('mysql2');

let conn;

function query(sql) {
  if (!conn) conn = mysql.createConnection({ host: 'db' }); // ok: guarded lazy init
  return conn.promise().query(sql); // want "LMI004"
}

module.exports = { query };
