'use strict';

let currentUser;
let requestId;
let lastHeaders;
let lastQuery;
const ctx = {};
const sessions = {};
const perTenant = new Map();
const DEFAULT_USER = { name: 'anonymous' };
let fallbackUser = DEFAULT_USER; // ok: init code, no request data

async function handler(event, context) {
  currentUser = event.user; // want "LMI003"
  requestId = context.awsRequestId; // want "LMI003"
  ctx.requestId = context.awsRequestId; // want "LMI003"
  ctx.claims = event.requestContext.authorizer.claims; // want "LMI003"
  lastHeaders = event.headers; // want "LMI003"
  lastQuery = event.queryStringParameters || {}; // want "LMI003"
  const { pathParameters } = event;
  ctx.itemId = pathParameters.id; // want "LMI003"
  const user = event.user;
  const name = user.name;
  ctx.userName = name; // want "LMI003"
  sessions[event.sessionId] = Date.now(); // want "LMI001"
  perTenant.set(event.tenant, { seenAt: Date.now() }); // want "LMI001"

  const reqCtx = { id: context.awsRequestId }; // ok: request data kept in a local object
  reqCtx.user = event.user; // ok: per-invocation object
  const response = {};
  response.headers = event.headers; // ok: per-invocation object
  fallbackUser.name.toUpperCase(); // ok: a read, not a write

  return { statusCode: 200, body: JSON.stringify({ reqCtx, response }) };
}

function audit(e) {
  currentUser = e.user; // ok: not reachable from the handler
}

module.exports = { handler };
