// A stand-in for Tencent Cloud's `tccli`, for tests only: `tccli cvm DescribeImages --region R
// --version 2017-03-12 [--Filters JSON] [--ImageIds JSON] [--Offset N] [--Limit N]` through the
// official SDK to TCCLI_ENDPOINT (the emulator), printing the answer as tccli does (its JSON,
// indented, without the Response wrapper). Credentials: TENCENTCLOUD_SECRET_ID/_KEY, _SESSION_TOKEN.
const tencentcloud = require('tencentcloud-sdk-nodejs-cvm');

const [service, action, ...rest] = process.argv.slice(2);
if (service !== 'cvm' || action !== 'DescribeImages') {
  console.error(`fake tccli: only cvm DescribeImages, got ${service} ${action}`);
  process.exit(2);
}
const options = {};
for (let i = 0; i < rest.length; i += 2) {
  if (!rest[i].startsWith('--') || rest[i + 1] === undefined) {
    console.error(`fake tccli: bad arguments ${rest.join(' ')}`);
    process.exit(2);
  }
  options[rest[i].slice(2)] = rest[i + 1];
}
const { region, version, ...params } = options;
if (version !== '2017-03-12' || !region) {
  console.error('fake tccli: --region and --version 2017-03-12 are expected');
  process.exit(2);
}
const request = {};
for (const [name, value] of Object.entries(params))
  request[name] = name === 'Offset' || name === 'Limit' ? Number(value) : JSON.parse(value);
const endpoint = new URL(process.env.TCCLI_ENDPOINT);
const client = new tencentcloud.cvm.v20170312.Client({
  credential: {
    secretId: process.env.TENCENTCLOUD_SECRET_ID,
    secretKey: process.env.TENCENTCLOUD_SECRET_KEY,
    token: process.env.TENCENTCLOUD_SESSION_TOKEN,
  },
  region,
  profile: { httpProfile: { endpoint: endpoint.host, protocol: `${endpoint.protocol}//` } },
});
client.DescribeImages(request).then(
  (answer) => console.log(JSON.stringify(answer, null, 4)),
  (error) => {
    console.error(`[TencentCloudSDKException] code:${error.code} message:${error.message}`);
    process.exit(1);
  },
);
