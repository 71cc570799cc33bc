# Multi-stage build: compile in the Rust image, run from a slim Debian with only the binary.
FROM rust:1.95-bookworm AS build
WORKDIR /src
COPY . .
RUN cargo build --release -p wksbm-api && cp target/release/wksbm-api /usr/local/bin/wksbm-api

FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates curl \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --home /var/lib/wksbm --create-home wksbm
COPY --from=build /usr/local/bin/wksbm-api /usr/local/bin/wksbm-api
USER wksbm
WORKDIR /var/lib/wksbm
ENV WKSBM_HOST=0.0.0.0 WKSBM_PORT=8080 WKSBM_DATA_DIR=/var/lib/wksbm/data WKSBM_LOG_FORMAT=json
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --retries=5 CMD curl -fsS http://127.0.0.1:8080/health/ready || exit 1
ENTRYPOINT ["wksbm-api"]
CMD ["serve"]
