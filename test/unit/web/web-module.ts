/**
 * Loads a browser module of web/public in node. The pages are plain JavaScript (no build step),
 * and the project's TypeScript does not read JavaScript, so each test states the few signatures
 * it uses as an interface.
 */
export async function webModule<T>(path: string): Promise<T> {
  const url = new URL(`../../../web/public/${path}`, import.meta.url).href;
  return (await import(url)) as T;
}
