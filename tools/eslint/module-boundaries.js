// A module may use another module only through its public surface (index.ts), and `core`
// stays pure: nothing from server or web, and no Node I/O. Enforced here so it is not goodwill.
import path from 'node:path';

const MODULES_DIR = `${path.sep}packages${path.sep}server${path.sep}src${path.sep}modules${path.sep}`;
const CORE_DIR = `${path.sep}packages${path.sep}core${path.sep}`;

function moduleOf(file) {
  const at = file.indexOf(MODULES_DIR);
  if (at < 0) return null;
  const rest = file.slice(at + MODULES_DIR.length).split(path.sep);
  return { name: rest[0], inner: rest.slice(1).join('/') };
}

/** @type {import('eslint').Rule.RuleModule} */
const moduleBoundaries = {
  meta: {
    type: 'problem',
    docs: {
      description:
        'Modules import each other only through index.ts; core imports no server, web or Node I/O.',
    },
    schema: [],
    messages: {
      deepImport: "Module '{{from}}' may use module '{{to}}' only through its index.ts, not '{{source}}'.",
      coreImport: "packages/core is pure domain logic and may not import '{{source}}'.",
    },
  },
  create(context) {
    const file = context.filename;
    const importer = moduleOf(file);
    const inCore = file.includes(CORE_DIR);
    function check(node) {
      const source = node.source && node.source.value;
      if (typeof source !== 'string') return;
      if (inCore && !file.endsWith('.test.ts')) {
        if (/^(node:|@bursar\/(server|web))/.test(source) || /(^|\/)(server|web)\/src\//.test(source)) {
          context.report({ node, messageId: 'coreImport', data: { source } });
        }
        return;
      }
      if (!source.startsWith('.')) return;
      const target = moduleOf(path.resolve(path.dirname(file), source));
      if (!target || (importer && importer.name === target.name)) return;
      const inner = target.inner.replace(/\.(ts|js)$/, '');
      if (inner === '' || inner === 'index') return;
      // db/schema.ts gathers every module's tables for Drizzle and drizzle-kit, and nothing else may.
      if (file.endsWith(`${path.sep}src${path.sep}db${path.sep}schema.ts`) && inner.endsWith('.tables'))
        return;
      context.report({
        node,
        messageId: 'deepImport',
        data: { from: importer ? importer.name : path.basename(file), to: target.name, source },
      });
    }
    return {
      ImportDeclaration: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
      ImportExpression: check,
    };
  },
};

export default { rules: { 'module-boundaries': moduleBoundaries } };
