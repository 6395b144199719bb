import type { LiveEvent } from '../live/watch.js';

/** The resource an event carries; an event that ends the stream with an error throws it. */
export function liveValue<T>(event: LiveEvent<T>): T {
  if ('error' in event) {
    throw event.error;
  }
  return event.value;
}
