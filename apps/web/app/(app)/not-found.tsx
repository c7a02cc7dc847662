import { NotFoundBody } from "~/components/not-found-body";

/** notFound() inside an app page: the (app) layout already shows the header. */
export default function AppNotFound() {
  return <NotFoundBody />;
}
