// LMI003 gap (judgement call): request data passed to a helper that stores it
// in module scope is reported only as LMI001; the value is derived from the
// handler's event, so LMI003 (and not LMI001) is expected.
let currentUser;

function setUser(u) {
  currentUser = u; // want "LMI003"
}

export const handler = async (event) => {
  setUser(event.user);
  return event;
};
