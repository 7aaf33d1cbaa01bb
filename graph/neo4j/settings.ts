/** Neo4j connection settings, from `--neo4j URI` or the variables Neo4j's own tools use; apart from the driver, which takes 0.14 s to load. */

/** Where and as whom to connect. */
export interface Neo4jConfig {
  uri: string;
  username?: string;
  password?: string;
  database?: string;
}

/**
 * `--neo4j` wins over NEO4J_URI; NEO4J_USERNAME, NEO4J_PASSWORD, NEO4J_DATABASE come from the environment. A user and
 * password in the URI (`bolt://user:password@host`, percent-encoded or not) win over those variables and are taken
 * out of it: the driver ignores them there, and a URI without them can be printed. Undefined when no URI is set.
 */
export function neo4jConfig(uri: string | undefined, env: Record<string, string | undefined>): Neo4jConfig | undefined {
  const chosen = uri ?? env.NEO4J_URI;
  if (!chosen) return undefined;
  const split = splitCredentials(chosen);
  return {
    uri: split.uri,
    username: split.username ?? env.NEO4J_USERNAME,
    password: split.password ?? env.NEO4J_PASSWORD,
    database: env.NEO4J_DATABASE || undefined,
  };
}

/** `scheme://` and what follows it; the user info runs to the last `@`, as a password may hold `@`, `/`, `:` unencoded. */
const WITH_USER_INFO = /^([a-z][a-z0-9+.-]*:\/\/)(.*)@([^@]*)$/is;

function decode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part; // a bare `%` not followed by two hex digits: taken as written
  }
}

/** The URI without user info, and the user and password that were in it. */
function splitCredentials(uri: string): { uri: string; username?: string; password?: string } {
  const m = WITH_USER_INFO.exec(uri);
  if (!m) return { uri };
  const info = m[2]!;
  const colon = info.indexOf(':');
  return {
    uri: `${m[1]}${m[3]}`,
    username: decode(colon < 0 ? info : info.slice(0, colon)),
    password: colon < 0 ? undefined : decode(info.slice(colon + 1)),
  };
}

/** The URI without any user or password in it, for messages. */
export function redactNeo4jUri(uri: string): string {
  return uri.replace(WITH_USER_INFO, '$1***@$3');
}

/**
 * A message with no Neo4j credential left in it: user info in any URI it holds, and the password itself, as written
 * and percent-encoded. The one place kg takes them out of what it prints (errors, notes, progress).
 */
export function redactNeo4jText(text: string, config?: Pick<Neo4jConfig, 'password'>): string {
  let out = text.replace(/([a-z][a-z0-9+.-]*:\/\/)\S*@/gi, '$1***@');
  const password = config?.password;
  if (password) for (const form of new Set([password, encodeURIComponent(password)])) out = out.split(form).join('***');
  return out;
}
