/** The suite's services, each with a link to its API documentation (`/docs`). */
import { useServices } from "../api/queries.ts";
import { Page } from "../components/page.tsx";
import { Empty, ErrorMessage, Loading } from "../components/status.tsx";

export function ServicesPage() {
  const services = useServices();
  return (
    <Page title="API">
      <p className="lead">Each service documents its API, and its docs page can try it out with a token.</p>
      {services.isPending ? (
        <Loading label="Loading the services…" />
      ) : services.isError ? (
        <ErrorMessage
          error={services.error}
          title="The services could not be loaded"
          onRetry={() => services.refetch()}
        />
      ) : services.data.items.length === 0 ? (
        <Empty>
          <p>No service is listed.</p>
        </Empty>
      ) : (
        <ul className="service-list">
          {services.data.items.map((service) => (
            <li key={service.name} className="card service">
              <h2>{service.name}</h2>
              <p>{service.description}</p>
              <a href={service.docs_url} target="_blank" rel="noopener noreferrer">
                {service.name} API docs<span className="visually-hidden"> (opens in a new tab)</span>
              </a>
            </li>
          ))}
        </ul>
      )}
    </Page>
  );
}
