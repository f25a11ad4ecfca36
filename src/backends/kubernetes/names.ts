/**
 * Kubernetes naming rules: object names, label keys and values, port names, and the `$(VAR)`
 * expansion Kubernetes applies to command, args and env values.
 */

/**
 * Any text → a DNS-1035 label (lowercase letters, digits and `-`, starting with a letter,
 * at most 63 characters), the strictest object-name rule (Services follow it).
 * @example objectName('Web_Python') // 'web-python'
 * @example objectName('1st') // 'x-1st'
 */
export function objectName(raw: string, max = 63): string {
  let s = raw.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/-{2,}/g, '-').replace(/^-+|-+$/g, '');
  if (!/^[a-z]/.test(s)) s = `x-${s}`;
  if (s.length > max) s = s.slice(0, max);
  return s.replace(/-+$/, '') || 'x';
}

/** `name` + `-suffix`, cut so the whole stays a valid name. @example withSuffix('web', 'headless') // 'web-headless' */
export function withSuffix(name: string, suffix: string): string {
  return objectName(`${name.slice(0, 62 - suffix.length)}-${suffix}`);
}

const LABEL_NAME = /^([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** A label or annotation key: `[prefix/]name`, prefix a DNS subdomain, name at most 63. */
export function isQualifiedName(key: string): boolean {
  const slash = key.indexOf('/');
  const prefix = slash < 0 ? undefined : key.slice(0, slash);
  const name = slash < 0 ? key : key.slice(slash + 1);
  if (prefix !== undefined && (prefix.length > 253 || !DNS_SUBDOMAIN.test(prefix))) return false;
  return name.length <= 63 && LABEL_NAME.test(name);
}

/** A label value: empty, or at most 63 of `[A-Za-z0-9-_.]`, alphanumeric at both ends. */
export function isLabelValue(value: string): boolean {
  return value === '' || (value.length <= 63 && LABEL_NAME.test(value));
}

/**
 * A port name (IANA service name): at most 15 of `[a-z0-9-]` with a letter, no `--`, no `-`
 * at either end. Returns undefined when `raw` cannot be made one.
 * @example portName('HTTP') // 'http'
 */
export function portName(raw: string): string | undefined {
  const s = raw.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/-{2,}/g, '-').replace(/^-+|-+$/g, '').slice(0, 15).replace(/-+$/, '');
  return s && /[a-z]/.test(s) ? s : undefined;
}

/**
 * Kubernetes expands `$(VAR)` in command, args and env values and turns `$$` into `$`; a
 * compose value means its text literally, so a `$` before `$` or `(` is doubled.
 * @example escapeExpansion('echo $(date) $$') // 'echo $$(date) $$$$'
 */
export function escapeExpansion(text: string): string {
  return text.replace(/\$(?=[$(])/g, '$$$$');
}
