// What a stylesheet import gives a component under jest (jest.config.js moduleNameMapper): nothing.
module.exports = {};
