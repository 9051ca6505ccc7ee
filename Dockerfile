# The API, worker and projector in one image; Temporal and the event store come from outside.
FROM node:20-bookworm-slim AS build
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json .npmrc ./
# npm ci applies our patches to the Temporal SDK (patches/) once the packages are in.
COPY patches ./patches
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build:ui

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000 DATA_DIR=/data
COPY --from=build /app /app
VOLUME /data
EXPOSE 3000
USER node
CMD ["node", "--max-semi-space-size=64", "--import", "tsx", "bin/start.ts"]
