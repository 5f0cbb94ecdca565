export type DemoBlock = string | { list: "bullet" | "ordered"; items: string[] };
export interface DemoSection { heading: string; blocks: DemoBlock[] }
export interface DemoDraft { title: string; description: string; sections: DemoSection[] }

export const DEMO_DRAFT: DemoDraft = {
  title: "National Strategy for Tech Diplomacy",
  description:
    "The Ministry of Foreign Affairs has convened government agencies, technology companies and civil society organisations to co-draft our country's first strategy for tech diplomacy. Every clause below is open for comment, suggested edits and discussion before the final text is agreed.",
  sections: [
    {
      heading: "Purpose and principles",
      blocks: [
        "This strategy sets out how our country will use its foreign policy to shape the development, governance and use of digital technologies. It treats technology as a cross-cutting priority for every regional and multilateral department of the Ministry, not as a niche portfolio.",
        "Our engagement will be guided by the protection of human rights online as well as offline, including freedom of expression, privacy and access to information. We will oppose internet shutdowns, arbitrary surveillance and the misuse of technology to target journalists, human rights defenders and minorities.",
        "We will support an open, interoperable, secure and globally connected internet. We will favour open standards and open-source solutions wherever they offer comparable security and value, so that neither we nor our partners are locked into a single vendor or jurisdiction.",
        "This strategy was drafted through structured multistakeholder consultation, and it will be implemented the same way. The Ministry will convene a standing Tech Diplomacy Forum of government agencies, companies, researchers and civil society organisations at least twice a year to review progress and advise on priorities.",
      ],
    },
    {
      heading: "A tech envoy and a network of tech attach\u00e9s",
      blocks: [
        "The Minister will appoint an Ambassador for Technology and Digital Affairs with a mandate to represent our country in international technology negotiations, engage directly with technology companies and standards bodies, and coordinate the Ministry's digital work across headquarters and missions abroad.",
        "The envoy will report to the Minister and brief the relevant parliamentary committee at least once a year. A dedicated unit will support the envoy, drawing staff from the Ministry, the digital affairs ministry, the trade promotion agency and the national cybersecurity authority.",
        "To extend the envoy's reach, the Ministry will build a network of tech attach\u00e9s posted to embassies and consulates in the world's main technology hubs and multilateral centres. Attach\u00e9s will report on technology developments, support our companies and researchers, and build relationships with local innovators. The network will be rolled out in three phases.",
        {
          list: "ordered",
          items: [
            "In the first phase, attach\u00e9s will be posted to the missions that cover the main multilateral and standards-setting centres, and to the two technology hubs with which our companies already trade most, each with a clear annual work plan.",
            "In the second phase, the network will extend to regional partners in Africa, Asia and Latin America where joint work on digital public infrastructure, connectivity and digital skills offers the greatest mutual benefit.",
            "In the third phase, following an independent review of the first two phases, the Ministry will decide whether to make the network permanent, adjust its locations, or open shared posts with like-minded partner countries.",
          ],
        },
      ],
    },
    {
      heading: "Digital public infrastructure",
      blocks: [
        "Our digital identity, instant payment and secure data exchange systems have changed how citizens access public services. The Ministry will promote these building blocks as digital public infrastructure that partner countries can study, adapt and adopt on their own terms.",
        "When we offer our systems to partners, we will share them as open-source software built on open standards, with documentation, reference implementations and governance guidance, so that partners keep full ownership and control of their own deployments and their citizens' data.",
        "Every digital public infrastructure partnership will include safeguards for inclusion, privacy and redress, such as offline alternatives for people without smartphones, independent oversight, and accessible complaint mechanisms for anyone who is wrongly excluded from a service.",
        "The Ministry will champion strong data protection as the foundation of trust in digital services. We will seek mutual recognition of data protection frameworks with key partners and offer technical support to neighbouring countries that are drafting or updating their own data protection laws.",
        "We will work towards trusted cross-border data flows that support trade, research and development cooperation, while opposing unjustified data localisation requirements. Trade agreements we negotiate will include provisions on data flows, personal data protection and consumer trust online.",
      ],
    },
    {
      heading: "Artificial intelligence in our languages",
      blocks: [
        "Many of our citizens speak languages that are poorly served by today's AI systems. The Ministry will work with the national research council, universities and companies to ensure that AI tools understand, speak and write our national and minority languages accurately and respectfully.",
        "Together with partner countries, international organisations and developers who face the same challenge, our country will champion a shared international programme on AI for under-resourced languages, built around the following priorities.",
        {
          list: "bullet",
          items: [
            "Building openly licensed speech and text datasets, collected with the informed consent of contributors and with fair recognition of the communities, translators and archives whose knowledge makes them possible.",
            "Supporting the training and evaluation of open models that perform well in local languages, with public benchmarks that let governments and citizens test commercial systems before they are used in public services.",
            "Funding local research teams and startups so that the value created from language data stays in the communities that produced it, rather than being captured by a small number of foreign firms.",
          ],
        },
        "Our country will take part in international cooperation on AI safety, including shared testing and evaluation of advanced models, and will send experts to the international and regional standards bodies where technical rules for AI, digital identity and data are being written.",
      ],
    },
    {
      heading: "Connectivity and resilient infrastructure",
      blocks: [
        "Submarine cables carry almost all of our international data traffic. The Ministry will work with operators and neighbouring states to diversify cable routes and landing stations, speed up permits for repair ships, and strengthen international cooperation on the protection of cables.",
        "We will engage in international forums on spectrum and orbital resources to secure fair access for our country and other newcomers, and will encourage competition among satellite broadband providers so that remote and island communities are not dependent on a single foreign operator.",
        "Through development cooperation and export finance, we will help partner countries close last-mile connectivity gaps, favouring open-access networks, community networks and shared infrastructure that lower costs for small operators and reach rural households, schools and health centres.",
        "Our country will uphold the agreed framework of responsible state behaviour in cyberspace, including the application of international law, and will coordinate with partners to attribute and respond to malicious cyber activity that threatens critical infrastructure, elections or public services.",
        "The Ministry and the national cybersecurity authority will offer incident response cooperation, joint exercises and technical assistance to partner countries, and will assess security risks in the supply chains of our own critical digital infrastructure using transparent, risk-based criteria.",
      ],
    },
    {
      heading: "Capacity building and partnerships",
      blocks: [
        "Every new diplomat will receive training in digital policy, cybersecurity and emerging technologies, and senior staff will have access to advanced courses developed with universities and industry. Technology literacy will become part of the Ministry's assessment criteria for policy roles.",
        "We will deepen cooperation with partners across the Global South through joint positions in multilateral negotiations, peer exchanges between regulators, and co-funded projects, recognising that many of them share our interest in technology that serves development rather than dependence.",
        "The Ministry will publish a results framework with clear indicators for each part of this strategy, such as partnerships launched, languages supported and experts placed in standards bodies, and will gather evidence from companies and civil society as well as from government.",
        "The Minister will report to parliament on implementation every year, and the strategy will be fully reviewed after four years through an open consultation. Members of the Tech Diplomacy Forum will be invited to submit their own assessment alongside the official report.",
      ],
    },
  ],
};
