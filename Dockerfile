# sigstamp's CLI as an image (what the release workflow builds, signs and attests).
FROM node:24-alpine
COPY dist /opt/sigstamp/dist
COPY package.json /opt/sigstamp/package.json
ENTRYPOINT ["node", "/opt/sigstamp/dist/cli/index.js"]
