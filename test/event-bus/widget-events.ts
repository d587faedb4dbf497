// Test-only events: the catalogue is extended by declaration merging exactly as a
// context's file under libs/contracts/src/events does, so the tests exercise the same
// typing rules as product code.
import { declareEventTypes } from '@zhongshu/contracts';

declare module '@zhongshu/contracts' {
  interface EventCatalogue {
    'test.widget.registered': { version: 1; payload: { label: string } };
    'test.widget.renamed': { version: 2; payload: { label: string; step: number } };
    'test.widget.followed-up': { version: 1; payload: { origin: string } };
    'test.widget.weighed': { version: 1; payload: { label: string } };
  }
}

declareEventTypes({ 'test.widget.registered': 1, 'test.widget.renamed': 2, 'test.widget.followed-up': 1, 'test.widget.weighed': 1 });
