import type { Container } from '../container';

export function showOutput(container: Container): void {
  container.log.show();
}
