const counts = [0, 0, 0];

exports.main = async (event) => {
  counts.fill(1); // want "LMI001"
  counts.reverse(); // want "LMI001"
  return event;
};
