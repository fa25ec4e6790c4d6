// The module the dynamic-import bench loads on every round trip.
export const answer = (value) => value;
