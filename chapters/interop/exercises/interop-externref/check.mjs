// Checks the learner's slots.wat: identity, release, reuse and growth.
export async function run(host) {
  const { exports } = await host.instantiate('slots');
  const objects = [{ name: 'Ada' }, { name: 'Grace' }, { name: 'Linus' }];
  const slots = objects.map((object) => exports.store(object));
  host.log(`three objects stored in slots ${slots.join(', ')}`);
  host.fact('every object has a slot of its own', new Set(slots).size === objects.length);
  host.fact(
    'load gives back the very objects stored (===), after the table grew',
    objects.every((object, i) => exports.load(slots[i]) === object),
  );

  exports.release(slots[1]);
  host.fact('a released slot holds null', exports.load(slots[1]) === null);
  const newcomer = { name: 'Barbara' };
  const reused = exports.store(newcomer);
  host.fact('the next store reuses the released slot', reused === slots[1]);
  host.fact('and that slot now holds the newcomer', exports.load(reused) === newcomer);
  host.fact(
    'the other objects were not disturbed',
    exports.load(slots[0]) === objects[0] && exports.load(slots[2]) === objects[2],
  );
}
