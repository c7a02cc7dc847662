import { z } from "zod";

/** Every answer of the catch-all is the one JSON error shape (a 404); it has no success body. */
export const unknownApiRouteResponse = z.never();
