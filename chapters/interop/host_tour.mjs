// Every function of `host`, the object each harness receives, used once.
// The book's page "The host" shows each anchor beside its explanation.

export async function run(host) {
  // ANCHOR: log
  host.log('a fact line: compared with the expected log');
  // ANCHOR_END: log

  // ANCHOR: fact
  const answer = 6 * 7;
  host.fact('the answer is 42', answer === 42); // prints "the answer is 42: yes"
  // ANCHOR_END: fact

  // ANCHOR: detail
  const started = host.now();
  // Shown with --verbose, never compared.
  host.detail(`started at ${started.toFixed(1)} ms`);
  // ANCHOR_END: detail

  // ANCHOR: sleep_and_ticker
  const ticker = host.ticker();
  const sleptMs = await host.sleep(20); // resolves after at least 20 ms
  host.fact('the event loop ran during the sleep', ticker.stop() > 0);
  // ANCHOR_END: sleep_and_ticker
  host.fact('sleep(20) lasted at least 20 ms', sleptMs >= 20 && host.now() - started >= 20);

  // ANCHOR: compile
  const module = await host.compile('foo-bar');
  const importNames = WebAssembly.Module.imports(module).map((i) => `${i.module}.${i.name}`);
  host.log(`foo-bar imports ${importNames.join(', ')}`);
  // ANCHOR_END: compile

  // ANCHOR: instantiate
  const { exports } = await host.instantiate('foo-bar', { mod: { foo: (x) => x * 10 } });
  host.log(`bar(4) = ${exports.bar(4)}`);
  // ANCHOR_END: instantiate

  // ANCHOR: strict_exports
  try {
    exports.baz(1);
  } catch (error) {
    host.log(`a missing export is named: ${error.message}`);
  }
  // ANCHOR_END: strict_exports

  host.log(`engine: ${host.engine.name === 'node' || host.engine.name === 'chromium' ? 'known' : 'other'}`);
  host.detail(`engine ${host.engine.name} ${host.engine.version}`);

  // ANCHOR: trace
  host.trace('the tour starts its worker'); // a mark in the trace, not in the log
  // ANCHOR_END: trace

  // ANCHOR: start_worker
  const worker = await host.startWorker(new URL('./host_tour_worker.mjs', import.meta.url), {
    name: 'helper',
    data: { multiplier: 3 },
  });
  worker.postMessage(14);
  host.log(`the helper answered ${await worker.receive()}`);
  await worker.result;
  // ANCHOR_END: start_worker
}
