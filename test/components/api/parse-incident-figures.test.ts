import { describe, expect, it } from 'vitest';
import { parseIncidentFigures } from '../../../components/api/parse-incident-figures';

describe('parseIncidentFigures', () => {
  it.each([{ body: null }, { body: { error: 'x' } }, { body: { figures: 'x' } }])('reads $body as no figures', ({ body: b }) => {
    expect(parseIncidentFigures(b)).toEqual([]);
  });
});
