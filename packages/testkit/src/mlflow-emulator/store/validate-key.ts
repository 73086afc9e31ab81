import { invalidParameter } from '../emulator-error.js';

const validKey = /^[/\w.\- :]*$/;

export function validateKey(key: string, path: string): void {
  if (!validKey.test(key)) {
    throw invalidParameter(
      `Invalid value "${key}" for parameter '${path}' supplied: Names may only contain alphanumerics, underscores (_), dashes (-), periods (.), spaces ( ), colon(:) and slashes (/).`,
    );
  }
  if (key.length > 250) throw invalidParameter(`'${path}' exceeds the maximum length of 250 characters`);
  // posixpath.normpath must leave the name unchanged (validation.py path_not_unique).
  const segments = key.split('/');
  if (
    key === '' ||
    key.startsWith('/') ||
    key.endsWith('/') ||
    segments.some((segment) => segment === '' || segment === '.' || segment === '..')
  ) {
    throw invalidParameter(
      `Invalid value "${key}" for parameter '${path}' supplied: Names must be unchanged by path normalization.`,
    );
  }
}
