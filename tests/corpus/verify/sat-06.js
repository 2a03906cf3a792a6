// sat-06.md: the non-saturating loss, sigma for 1 - sigma. Independent check of every labelled step (see lib.js); labels written by hand.
'use strict';
module.exports = {
  answer: "sat-06.md",
  style: "the non-saturating loss, sigma for 1 - sigma",
  lines: {
    "3L": (I) => I.dth((th) => -I.Ez((z) => Math.log(I.D(I.G(z, th))))),
    "3": (I) => -I.Ez((z) => (1 - I.D(I.G(z))) * I.dhG(z)),
    "5": (I) => -I.Ez((z) => I.D(I.G(z)) * I.dhG(z)),
  },
  steps: [["3L", "3", "="], ["3", "5", "="]],
  labels: {"3": "ok", "5": "wrong"},
};
