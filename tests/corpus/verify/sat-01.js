// sat-01.md: prose, \partial_\theta notation. Independent check of every labelled step (see lib.js); labels written by hand.
'use strict';
module.exports = {
  answer: "sat-01.md",
  style: "prose, \\partial_\\theta notation",
  lines: {
    "3L": (I) => I.dth((th) => I.Ez((z) => Math.log(1 - I.D(I.G(z, th))))),
    "3": (I) => I.dth((th) => I.Ez((z) => Math.log(1 - I.D(I.G(z, th))))),
    "5": (I) => I.Ez((z) => -I.D(I.G(z)) * I.dhG(z)),
    "7": (I) => -I.Ez((z) => I.D(I.G(z)) * I.dhG(z)),
  },
  steps: [["3L", "3", "="], ["3", "5", "="], ["5", "7", "="]],
  labels: {"3": "ok", "5": "ok", "7": "ok"},
};
