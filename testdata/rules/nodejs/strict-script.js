'use strict';
const shared = { y: 0, z: 0 };

exports.handler = async (event) => {
  ({ y: shared.y } = event); // want "LMI003"
  [shared.z] = [1]; // want "LMI001"
  return shared;
};
