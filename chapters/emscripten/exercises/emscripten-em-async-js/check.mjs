// Checks the learner's sum_fetched.c: every number is fetched asynchronously,
// and the C loop sums what the promises resolved to.
export async function run(host) {
  const fetched = [];
  const module = await host.emscripten('sum-fetched', {
    fetchNumber: async (index) => {
      await host.sleep(1);
      fetched.push(index);
      return (index + 1) * 10;
    },
  });
  const sum = await module.ccall('sum_fetched', 'number', ['number'], [3], { async: true });
  host.log(`sum_fetched(3) resolved to ${sum}`);
  host.fact('fetchNumber was awaited for 0, 1 and 2, in order', fetched.join(',') === '0,1,2');
  host.fact('the sum is 10 + 20 + 30', sum === 60);
}
