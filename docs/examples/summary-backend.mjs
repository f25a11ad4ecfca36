// A complete third-party backend: a Markdown summary of each ECS task the passes laid out.
// It asks for the ECS layer of the IR (`layers: ['ecs']`), which is then at `ir.ecs`.
// Run it with: npx compose2ecs convert -f compose.yaml --target ./docs/examples/summary-backend.mjs
export const backend = {
  name: 'summary',
  layers: ['ecs'],
  // Declared options: `--set requireHealthchecks=true` arrives as the boolean true, and any
  // other --set (or --format) is refused before emit runs.
  options: {
    requireHealthchecks: { type: 'boolean', default: false, description: 'warn about services without a healthcheck' },
  },
  // Its own diagnostic codes, each with one line of docs: `ir.diagnostic` accepts them, and
  // `--disable`, `x-compose2ecs: { disable: [...] }` and SARIF know them.
  codes: { SUMMARY_NO_HEALTHCHECK: 'a service without a health check, when requireHealthchecks=true' },
  emit(ir, options) {
    const diagnostics = [];
    const lines = [`# ${ir.project.name}`, ''];
    for (const task of ir.ecs.tasks) {
      lines.push(`## ${task.family} (${task.launchType}, ${task.networkMode})`);
      for (const name of task.services) {
        const facts = ir.ecs.services[name];
        const r = facts.resources;
        lines.push(`- ${name}: ${facts.service.image ?? '(no image)'}, ${r.cpu ?? 0} CPU units, ${r.memory ?? r.memoryReservation ?? 0} MiB`);
        if (!facts.service.healthcheck && options.requireHealthchecks === true) {
          diagnostics.push(ir.diagnostic('SUMMARY_NO_HEALTHCHECK', 'warning', `services.${name} has no healthcheck`, ['services', name]));
        }
      }
      lines.push('');
    }
    const contents = lines.join('\n');
    return { outputs: [{ path: `${ir.project.name}.md`, value: contents, contents }], diagnostics };
  },
};
