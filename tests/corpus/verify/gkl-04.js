// gkl-04.tex: LaTeX, the KL as an integral of Gaussian densities. Independent check of every labelled step (see lib.js); labels written by hand.
'use strict';
module.exports = {
  answer: "gkl-04.tex",
  style: "LaTeX, the KL as an integral of Gaussian densities",
  lines: {
    "5L": (I) => I.EN(I.theta, I.eps, (x) => Math.log(I.normal(x, I.theta, I.eps) / I.normal(x, I.theta0, I.eps))),
    "5": (I) => I.EN(I.theta, I.eps, (x) => Math.log(I.normal(x, I.theta, I.eps) / I.normal(x, I.theta0, I.eps))),
    "6": (I) => (I.theta - I.theta0) ** 2 / (2 * I.eps ** 2),
  },
  steps: [["5L", "5", "="], ["5", "6", "="]],
  labels: {"5": "ok", "6": "ok"},
};
