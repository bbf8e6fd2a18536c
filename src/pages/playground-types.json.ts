// Type declarations for the playground editor (Monaco), fetched lazily on the first Edit.
import type { APIRoute } from 'astro';
import { buildTypesBundle } from '../playground/types-bundle.ts';

export const prerender = true;

export const GET: APIRoute = () =>
  new Response(JSON.stringify(buildTypesBundle(process.cwd())), { headers: { 'content-type': 'application/json' } });
