// The worker of host_tour.mjs: a worker module gets a host of its own.

// ANCHOR: worker
export async function run(host) {
  const number = await host.receive(); // from worker.postMessage on the main thread
  host.log(`got ${number}, multiplying by ${host.data.multiplier}`);
  host.postMessage(number * host.data.multiplier); // to worker.receive()
}
// ANCHOR_END: worker
