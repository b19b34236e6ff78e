#!/usr/bin/env python3
"""Deterministic generator of realistic-size, all-distinct job postings for throughput benchmarks.

The bundled drafts in fixtures/drafts are a few hundred bytes each; published postings are about
5 KB. This module writes postings of that size (4.0-7.0 KB, mean about 5.3 KB of UTF-8) for the
16 role families of the rolebook, in the Markdown layouts seen in the wild: an H1, YAML front
matter or a "Job title:" line; headings of several levels and spellings; `-`, `*` and numbered
bullets, a few of them wrapped; about 1 in 10 with duties written as prose instead of a list.

About 65% of postings have a title that fits their duties, about 10% are hybrids (duties from the
title's family and a neighbour) and about 25% are mismatched (title of one family, duties mostly
from a neighbouring one). All text here is original; none is taken from real postings.

Library use:
    from benchmarks.postings import generate
    for name, text in generate(2000, seed=0): ...

Command line:
    python benchmarks/postings.py OUTDIR [--count 2000] [--seed 0]
"""

from __future__ import annotations

import argparse
import random
from dataclasses import dataclass, field
from pathlib import Path

MIN_BYTES = 4096  # 4.0 KB whether a KB is 1000 or 1024 bytes
MAX_BYTES = 7000
TARGET_MEAN = 5420
TARGET_SPREAD = 600


@dataclass(frozen=True)
class Family:
    """One role family: its id in jdfix/engine/rolebook, title aliases and text pools."""

    id: str
    aliases: tuple[str, ...]  # aliases[0] is the family name
    head: str | None  # a "Head of" style title, if the family has a natural one
    managers: tuple[str, ...]  # who the role typically reports to
    duties: tuple[str, ...]
    requirements: tuple[str, ...]


@dataclass(frozen=True)
class Sector:
    name: str
    suffixes: tuple[str, ...]
    products: tuple[str, ...]
    users: tuple[str, ...]


# Placeholders used in the pools: {company} {sector} {product} {product2} {users} {team} {city}
# {n} (a number word) {years} {stack} {bi_tool} {orchestrator} {title} {a_title} {manager} and a few
# figures used only by the generic pools (see _slots).

FAMILIES: tuple[Family, ...] = (
    Family(
        id="product-owner",
        aliases=("Product Owner", "Digital Product Owner", "Technical Product Owner", "Business Product Owner"),
        head="Chief Product Owner",
        managers=("the Head of Product", "the Director of Digital Services", "our Chief Product Owner"),
        duties=(
            "Own and order the product backlog for the {team} team so the most valuable work is always at the top",
            "Write clear user stories and epics for the {product}, each with testable acceptance criteria",
            "Run weekly backlog refinement sessions with developers and split large epics into small, deliverable items",
            "Define the Product Goal for the {product} and explain it to the team and to stakeholders",
            "Represent the needs of {users} to the Scrum team and decide what goes into the backlog",
            "Accept or reject completed stories against the agreed acceptance criteria and the definition of done",
            "Bring candidate backlog items and the value behind them to sprint planning, and agree a sprint goal with the team",
            "Present the increment at each sprint review and use stakeholder feedback to reorder the backlog",
            "Be available to developers every day to answer questions about scope and expected behaviour",
            "Keep the product backlog transparent so that everyone understands what comes next and why",
            "Use story mapping to plan the release scope for the next {n} increments of the {product}",
            "Maintain a definition of ready with the team and check new backlog items against it before planning",
            "Trade off scope against value when capacity is tight, and explain those choices to stakeholders",
            "Validate delivered functionality with {users} and sign off user acceptance testing for each release",
            "Track adoption of the features your team ships and feed the results back into backlog priorities",
            "Act as the single decision-maker on backlog priority, so stakeholders bring their requests to you first",
        ),
        requirements=(
            "Experience as a Product Owner in a Scrum team, ideally on a digital service",
            "A strong grasp of backlog management, story writing and acceptance criteria",
            "Confidence in saying no to stakeholders and explaining the reasons",
            "Experience with Jira, Azure DevOps or a similar backlog tool",
            "The ability to turn broad business goals into small, testable user stories",
            "Good judgement about value, risk and effort when ordering work",
            "A PSPO or CSPO certificate, or equivalent practical experience",
            "Comfort working closely with developers and testers every day",
            "Experience with story mapping and release planning",
        ),
    ),
    Family(
        id="product-manager",
        aliases=("Product Manager", "Digital Product Manager", "Product Lead", "Platform Product Manager", "Growth Product Manager"),
        head="Head of Product",
        managers=("the Head of Product", "our Chief Product Officer", "the Director of Product"),
        duties=(
            "Define the product vision and strategy for the {product} and revisit it with leadership every quarter",
            "Build and communicate a product roadmap that ties each theme to a measurable customer or business outcome",
            "Conduct market research to size segments and understand the problems {users} face today",
            "Lead customer discovery: interview {users}, validate problems and assess opportunities before anything is built",
            "Run competitive analysis and win/loss reviews so the team knows where the {product} stands in the market",
            "Build business cases and revenue models for new features, including the expected return on investment",
            "Recommend pricing and packaging for the {product} together with finance and sales",
            "Set product success metrics and OKRs, and own outcomes such as adoption, retention and revenue",
            "Manage the product lifecycle from launch through growth to the retirement of features that no longer pay their way",
            "Prioritise opportunities with frameworks such as RICE or cost of delay and explain the trade-offs to executives",
            "Validate solution ideas with prototypes, experiments and A/B tests run together with design and engineering",
            "Write short product requirement documents that state the problem, the intended outcome and how success is measured",
            "Plan the go-to-market for major releases with product marketing, sales and customer support",
            "Analyse product usage data to find where {users} struggle and where the next opportunity lies",
            "Make build, buy or partner decisions for new capabilities and present the reasoning to the leadership team",
            "Align senior stakeholders on product priorities and keep them informed when the roadmap changes",
        ),
        requirements=(
            "At least {years} years in product management, ideally for software products",
            "A record of shipping products that moved adoption, retention or revenue",
            "Experience running customer discovery and turning the findings into a roadmap",
            "Comfort with numbers: business cases, unit economics and pricing models",
            "Fluency with product analytics tools such as Amplitude, Mixpanel or GA4",
            "Strong writing, including concise product requirement documents",
            "Experience running experiments and prototypes with design and engineering",
            "Skill at aligning senior stakeholders behind a clear product strategy",
            "Knowledge of the competitive landscape in {sector}",
        ),
    ),
    Family(
        id="business-analyst",
        aliases=("Business Analyst", "Business Systems Analyst", "IT Business Analyst", "Requirements Analyst", "Business Process Analyst"),
        head="Head of Business Analysis",
        managers=("the Head of Business Analysis", "the Change Programme Director", "the Head of Digital Delivery"),
        duties=(
            "Elicit requirements from {users} through interviews, workshops, observation and document analysis",
            "Document functional and non-functional requirements for the {product} in a clear requirements specification",
            "Model current and future business processes in BPMN, showing swimlanes, hand-offs and decision points",
            "Carry out gap analysis between the current state and the target state of the {team} operation",
            "Maintain a requirements traceability matrix and take requirement changes through formal approval",
            "Assess the impact of proposed changes on people, processes and systems before they are agreed",
            "Write use cases and user stories with acceptance criteria for the product owner to prioritise",
            "Produce data flow diagrams, entity relationship models and a data dictionary for the new system",
            "Verify and validate requirements with stakeholders and obtain sign-off before design starts",
            "Define solution options with estimated costs and benefits, and recommend a preferred option to the board",
            "Plan the business analysis approach and stakeholder engagement for each phase of the programme",
            "Write test scenarios and coordinate user acceptance testing with {users}",
            "Act as the link between business users and the development team, turning needs into precise requirements",
            "Prepare procedure manuals and train staff on the new processes once the change goes live",
            "Evaluate how the delivered solution performs against the original business need and recommend improvements",
        ),
        requirements=(
            "Experience as a business analyst on software or business change projects",
            "Skill in eliciting requirements through workshops and interviews",
            "Working knowledge of BPMN or a similar process modelling notation",
            "Experience writing requirements specifications, use cases and user stories",
            "Familiarity with the BABOK guide; a BCS or IIBA qualification is welcome",
            "The ability to produce data models and data flow diagrams",
            "Experience supporting user acceptance testing",
            "Attention to detail when documenting and tracing requirements",
            "Experience with Visio, Lucidchart, Confluence or Jira",
        ),
    ),
    Family(
        id="scrum-master",
        aliases=("Scrum Master", "Agile Scrum Master", "Scrum Master / Agile Coach", "Agile Coach", "Team Coach"),
        head="Enterprise Agile Coach",
        managers=("the Head of Agile Practice", "the Head of Delivery", "our Engineering Director"),
        duties=(
            "Facilitate sprint planning, the daily scrum, sprint review and retrospective, keeping each event focused and time-boxed",
            "Coach the {team} team in self-management and cross-functional ways of working",
            "Remove impediments that block the team, and escalate the ones outside the team's control",
            "Run engaging retrospectives and follow up on the improvement actions the team agrees",
            "Teach Scrum theory and practice to developers, stakeholders and new joiners",
            "Help the product owner with techniques for defining the Product Goal and managing the product backlog",
            "Help the team understand why backlog items need to be clear, small and concise",
            "Shield the team from interruptions and unplanned requests during the sprint",
            "Make the team's work visible with boards, burndown charts and flow metrics, and help the team read them",
            "Help the team build a shared definition of done and focus on releasing done increments",
            "Support the organisation's Scrum adoption and advise leaders on removing organisational barriers",
            "Coach other Scrum Masters and team leads across {n} teams as the agile practice grows",
            "Introduce Kanban practices where they suit the work better than fixed-length sprints",
            "Track team health and morale with regular check-ins and act on what you learn",
            "Facilitate collaboration between stakeholders and the Scrum team when the team asks for it",
        ),
        requirements=(
            "Experience as a Scrum Master for at least one software team",
            "Deep knowledge of the Scrum Guide and of Kanban",
            "A PSM or Certified ScrumMaster certificate",
            "Skill in facilitating events and workshops that keep everyone engaged",
            "A coaching style that helps teams find their own answers",
            "Experience helping teams remove impediments and improve their flow",
            "Familiarity with flow metrics such as cycle time and throughput",
            "Knowledge of scaling approaches such as LeSS or SAFe",
        ),
    ),
    Family(
        id="project-manager",
        aliases=("Project Manager", "IT Project Manager", "Digital Project Manager", "Project Lead", "Implementation Manager"),
        head="Project Director",
        managers=("the Head of the Project Management Office", "the Programme Director", "the Director of IT"),
        duties=(
            "Develop and maintain the project plan for the {product} rollout, covering scope, schedule, budget and staffing",
            "Manage delivery against the agreed budget, schedule and scope, and act early when any of them slips",
            "Build the work breakdown structure and a Gantt chart, and keep the critical path up to date",
            "Track milestones and deliverables, and hold the project team and suppliers to agreed deadlines",
            "Prepare budget estimates, monitor project costs and publish a monthly cost tracking report",
            "Report project status, risks and issues to the sponsor and the steering committee with a RAG summary",
            "Maintain the RAID log and run regular risk assessments with a response plan for each major risk",
            "Run change control: assess each requested change to the project plan and approve or reject it",
            "Assign tasks to project staff and direct their day-to-day activities across {n} workstreams",
            "Select and manage vendors and contractors, including statements of work and contract milestones",
            "Set up the project communication plan and chair the weekly project meeting",
            "Gather project objectives and requirements from the sponsor and key stakeholders at initiation",
            "Make sure deliverables meet the agreed quality standards before handover to the client",
            "Close the project formally with a closure report and a lessons learned session",
            "Apply PRINCE2 or PMBOK practices, tailored to the size and risk of the project",
        ),
        requirements=(
            "Proven experience managing projects with budgets of several million",
            "PRINCE2 Practitioner, PMP or an equivalent project management qualification",
            "Skill in building detailed project plans and schedules in MS Project or a similar tool",
            "Experience of cost tracking and financial forecasting on projects",
            "Strong risk and issue management, including keeping a RAID log",
            "Experience managing suppliers and contracts",
            "Confidence reporting to steering committees and senior sponsors",
            "The ability to keep several workstreams on track at once",
        ),
    ),
    Family(
        id="program-manager",
        aliases=("Program Manager", "Programme Manager", "Technical Program Manager", "Engineering Program Manager", "IT Programme Manager"),
        head="Programme Director",
        managers=("the Portfolio Director", "our Chief Operating Officer", "the VP of Engineering"),
        duties=(
            "Coordinate {n} related projects and workstreams so that together they meet the programme objectives",
            "Manage dependencies between teams and projects, and resolve integration issues before they delay delivery",
            "Drive initiatives that span several engineering teams through to completion",
            "Set up programme governance, including steering committees, quarterly business reviews and a reporting cadence",
            "Track the benefits the programme is expected to realise and confirm that they are achieved",
            "Maintain the programme roadmap, cross-team milestones and the critical path across all workstreams",
            "Manage the programme budget, risks and issues, and escalate to the sponsor when needed",
            "Balance resources across projects and make portfolio trade-offs with the leadership team",
            "Mentor the project managers who run the individual projects within the programme",
            "Coordinate releases that involve many teams, from readiness checks to the post-launch review",
            "Define the planning and release processes that every team in the programme follows",
            "Understand the system architecture well enough to spot technical risks and sequence technical work across teams",
            "Brief executives on programme progress, decisions needed and risks to the overall timeline",
            "Run quarterly planning across the programme and agree delivery commitments with each team lead",
            "Keep a single integrated plan for the {product} programme and share it with every workstream",
        ),
        requirements=(
            "Experience running programmes made up of several interdependent projects",
            "A strong understanding of programme governance and benefits management",
            "An MSP, PgMP or similar programme management qualification",
            "Experience managing dependencies across engineering teams",
            "Enough technical background to discuss architecture and technical risk with engineers",
            "Experience presenting to executives and steering boards",
            "Skill in managing programme budgets and resource plans",
            "Experience mentoring project managers",
        ),
    ),
    Family(
        id="delivery-manager",
        aliases=("Delivery Manager", "Agile Delivery Manager", "Delivery Lead", "Digital Delivery Manager"),
        head="Head of Delivery",
        managers=("the Head of Delivery", "the Deputy Director of Digital", "the Service Owner"),
        duties=(
            "Take accountability for the {team} team delivering the {product} to its users",
            "Remove blockers and obstacles so the multidisciplinary team can keep delivering",
            "Choose and adapt agile and lean ways of working that fit the team and its phase of delivery",
            "Keep the team's work visible on boards in Jira or GitHub Projects and make sure tracking stays current",
            "Facilitate team ceremonies such as planning, stand-ups, show and tells and retrospectives",
            "Look after team health by agreeing norms together, holding wellbeing check-ins and encouraging continuous improvement",
            "Make sure the team commits to a sustainable amount of work each sprint",
            "Report delivery progress to stakeholders, escalate risks and issues, and manage expectations about timelines",
            "Act as the main contact for contracted suppliers and handle the commercial and procurement admin",
            "Manage the team budget, resourcing and governance, including preparation for service assessments",
            "Organise onboarding and offboarding, and plan the team's availability around leave",
            "Manage dependencies with other delivery teams and with the platform team",
            "Build a delivery roadmap with the product manager and support the benefits case for the service",
            "Coach associate delivery managers and share good delivery practice across the {n} teams in the portfolio",
            "Track the actions from each service assessment and make sure the team closes them",
        ),
        requirements=(
            "Experience as a delivery manager or scrum master on multidisciplinary agile teams",
            "Knowledge of a range of agile and lean methods, and of when to use each",
            "Experience preparing teams for service assessments or similar governance",
            "Skill in facilitating ceremonies, workshops and retrospectives",
            "Experience managing suppliers, budgets and resourcing for a team",
            "A focus on team health and a sustainable pace",
            "Confidence reporting progress and risks to senior stakeholders",
            "Familiarity with the phases of agile delivery: discovery, alpha, beta and live",
        ),
    ),
    Family(
        id="product-marketing-manager",
        aliases=("Product Marketing Manager", "Go-to-Market Manager", "Solutions Marketing Manager", "Product Marketing Lead"),
        head="Director of Product Marketing",
        managers=("the Director of Marketing", "our Chief Marketing Officer", "the Head of Product Marketing"),
        duties=(
            "Develop positioning and messaging for the {product} that speaks to each target segment",
            "Plan and run product launches, owning the go-to-market plan from brief to post-launch review",
            "Create sales enablement material such as battlecards, pitch decks and product training for the sales team",
            "Gather competitive intelligence and keep competitor positioning analysis current for sales and leadership",
            "Define buyer personas, target segments and the ideal customer profile for the {product}",
            "Run market and customer research for marketing, including surveys and win/loss interviews with sales",
            "Give input on pricing and packaging based on what buyers value and what competitors charge",
            "Manage analyst relations and build a programme of customer references and case studies",
            "Write product web pages, launch blog posts and release announcements",
            "Measure the effectiveness of launches and campaigns, and report on how well the messaging lands",
            "Supply product content for the demand generation campaigns run by the growth marketing team",
            "Prepare product demos and stand content for trade shows and industry events",
            "Feed market and customer insight back to product management to inform the roadmap",
            "Write the value proposition for each new feature in the language that {users} use themselves",
            "Train customer success and support teams on new features before each launch",
        ),
        requirements=(
            "Experience in product marketing for software products",
            "A portfolio of positioning, messaging and launch work",
            "Experience building sales enablement content that sales teams actually use",
            "Skill in competitive analysis and market research",
            "Excellent writing and editing for web, email and presentations",
            "Experience working with product managers on launches",
            "Comfort with marketing analytics and campaign reporting",
            "Experience with analyst relations or customer advocacy programmes",
        ),
    ),
    Family(
        id="engineering-manager",
        aliases=("Engineering Manager", "Software Engineering Manager", "Development Manager", "Engineering Team Manager"),
        head="Head of Engineering",
        managers=("the Director of Engineering", "our CTO", "the VP of Engineering"),
        duties=(
            "Hire engineers for the {team} team, from writing the job description to making the final offer",
            "Line manage a team of {n} engineers and hold regular one-to-ones with each of them",
            "Run performance reviews, set objectives and address underperformance early and fairly",
            "Coach engineers on their career development and make the case for their promotions",
            "Take accountability for the team's delivery: planning, priorities and meeting agreed deadlines",
            "Build a team culture with psychological safety, and work actively on retention and morale",
            "Define and adjust the team's processes and operating cadence as the team grows",
            "Plan next year's headcount together with the Director of Engineering",
            "Partner with product and design leads on the roadmap and on how the team is staffed",
            "Manage the team's operational budget for tools, training and contractors",
            "Take part in technical decisions and code reviews while spending most of your time on people",
            "Oversee the on-call rota and make sure every incident is followed by a blameless review",
            "Cascade company updates to the team and align plans with other engineering managers",
            "Onboard new engineers with a clear plan for their first ninety days",
            "Watch team throughput and quality metrics, and act when delivery or engineering health slips",
        ),
        requirements=(
            "Experience line managing software engineers, including hiring and performance reviews",
            "A background as a software engineer, deep enough to take part in technical discussions",
            "Experience coaching engineers and helping them grow their careers",
            "A track record of leading teams that deliver reliably",
            "Experience planning headcount and managing a team budget",
            "Skill in building inclusive teams with healthy cultures",
            "Experience with agile delivery practices",
            "Confidence handling difficult conversations with care",
        ),
    ),
    Family(
        id="tech-lead",
        aliases=("Tech Lead", "Technical Lead", "Lead Developer", "Lead Software Engineer", "Dev Lead"),
        head=None,
        managers=("the Engineering Manager", "the Head of Engineering", "our CTO"),
        duties=(
            "Own the architecture and technical design of the {product} and evolve it as requirements change",
            "Lead code reviews and set the coding standards and patterns the team follows",
            "Make and arbitrate technical decisions, and record them in design documents and RFCs",
            "Write production code for roughly half of your week, mostly in {stack}",
            "Own production operation of the service: SLAs, monitoring, alerting and incident escalation",
            "Break features down into technical tasks and estimate them with the engineers",
            "Run technical spikes and proofs of concept before the team adopts new technologies",
            "Mentor engineers on design, testing and debugging, and coordinate the technical work of the team",
            "Plan technical capacity and keep a visible register of technical debt to pay down",
            "Align with other tech leads on platform direction and shared libraries",
            "Review pull requests for correctness, security and maintainability",
            "Define the testing strategy for the service, from unit tests to end-to-end checks",
            "Lead post-incident reviews and make sure the technical follow-up actions get done",
            "Interview engineering candidates and assess their technical skills",
            "Set the technical roadmap for the {product} together with the product manager",
        ),
        requirements=(
            "Extensive hands-on experience with {stack}",
            "Experience designing and evolving the architecture of production systems",
            "Experience leading code reviews and setting engineering standards",
            "Solid knowledge of testing, CI/CD and observability",
            "Experience owning services in production, including incident response",
            "The ability to explain technical trade-offs to non-technical colleagues",
            "Experience mentoring other engineers",
            "Familiarity with a cloud platform such as AWS, Azure or GCP",
        ),
    ),
    Family(
        id="software-engineer",
        aliases=("Software Engineer", "Software Developer", "Backend Engineer", "Full Stack Developer", "Application Developer"),
        head=None,
        managers=("the Engineering Manager", "the Tech Lead", "the Head of Software Development"),
        duties=(
            "Design, build and maintain features for the {product} in {stack}",
            "Write clean, well-tested code and review pull requests from other engineers",
            "Fix bugs reported by {users} and refactor code that has become hard to change",
            "Write automated unit, integration and end-to-end tests for new and existing code",
            "Analyse software requirements with the team to check they are feasible within time and cost",
            "Design APIs and data models for new services and document them for other teams",
            "Deploy and release changes through the CI/CD pipeline several times a week",
            "Take part in the on-call rota and support the service in production",
            "Write technical documentation and runbooks for the services you build",
            "Improve system performance by profiling slow queries and hot code paths",
            "Pair with other engineers to share knowledge and spread good practices",
            "Reduce technical debt in the {product} codebase as part of regular feature work",
            "Develop features end to end, from the database schema to the user interface",
            "Investigate production errors using logs, traces and metrics, and ship fixes quickly",
            "Build integrations with third-party APIs and handle failures and retries safely",
        ),
        requirements=(
            "Commercial experience building software with {stack}",
            "Experience writing automated tests and working with CI/CD pipelines",
            "An understanding of relational databases and SQL",
            "Experience designing and consuming REST or GraphQL APIs",
            "Familiarity with Git and code review workflows",
            "Knowledge of cloud hosting and containers such as Docker",
            "The ability to debug problems across the stack",
            "An interest in writing readable, maintainable code",
        ),
    ),
    Family(
        id="data-analyst",
        aliases=("Data Analyst", "BI Analyst", "Reporting Analyst", "Insights Analyst", "Business Intelligence Analyst"),
        head="Head of Analytics",
        managers=("the Head of Analytics", "the Head of Data", "the Insight Manager"),
        duties=(
            "Query the data warehouse with SQL to answer business questions from the {team} team",
            "Clean, transform and validate data from several sources before analysis",
            "Build and maintain dashboards and recurring reports in {bi_tool} for managers across the business",
            "Analyse trends in key performance indicators and explain what is driving the changes",
            "Present findings to non-technical audiences with clear charts and short written summaries",
            "Join and link datasets from different systems to build a single view of {users}",
            "Define and maintain metric definitions in a shared KPI dictionary",
            "Handle ad-hoc analysis requests and turn vague questions into ones the data can answer",
            "Produce descriptive statistics and simple A/B test readouts for the product team",
            "Document report specifications and support colleagues who use the BI tools",
            "Maintain the Excel models that finance and operations rely on each month",
            "Automate weekly reporting so that figures reach stakeholders without manual work",
            "Investigate data quality issues found in reports and raise them with the data owners",
            "Extract data for regulatory and board reporting and reconcile it against source systems",
            "Monitor usage of the {product} and produce a monthly insight pack for the leadership team",
        ),
        requirements=(
            "Strong SQL and experience querying large databases",
            "Experience building dashboards in {bi_tool} or a similar tool",
            "Advanced Excel, including pivot tables and lookups",
            "The ability to explain findings to non-technical audiences",
            "Experience cleaning and validating data",
            "A working knowledge of descriptive statistics",
            "Some Python or R",
            "A habit of checking numbers before they leave your hands",
        ),
    ),
    Family(
        id="data-scientist",
        aliases=("Data Scientist", "Applied Scientist", "Machine Learning Scientist", "Decision Scientist"),
        head="Head of Data Science",
        managers=("the Head of Data Science", "the Chief Data Officer", "the Head of Data"),
        duties=(
            "Build, train and validate predictive models that forecast demand for the {product}",
            "Engineer and select features from large, messy datasets to improve model performance",
            "Compare models using suitable metrics such as AUC, log loss or explained variance",
            "Design experiments and A/B tests, and apply causal inference to measure real impact",
            "Apply machine learning and NLP to structured and unstructured data, including free-text feedback from {users}",
            "Clean and manipulate large datasets with Python or R in reproducible notebooks",
            "Design sampling plans and surveys when the data the business needs does not yet exist",
            "Write well-structured code and functions so analyses can be rerun and reviewed",
            "Visualise model results and recommend data-driven actions to decision makers",
            "Identify business problems that statistical modelling or machine learning can solve",
            "Read current research to follow new methods and judge when they are worth trying",
            "Work with ML engineers to deploy models and monitor their accuracy in production",
            "Run hypothesis tests and explain statistical uncertainty to non-specialists",
            "Build segmentation and churn models that help the {team} team target its work",
            "Evaluate models for bias and fairness before they inform decisions that affect {users}",
        ),
        requirements=(
            "A degree in statistics, mathematics, computer science or another quantitative field",
            "Strong Python or R, with libraries such as pandas, scikit-learn or tidymodels",
            "Experience building and validating machine learning models",
            "Good knowledge of experiment design and hypothesis testing",
            "Experience with SQL and large datasets",
            "The ability to explain model results and uncertainty to non-specialists",
            "Familiarity with NLP or time series methods",
            "Experience deploying models together with engineers",
        ),
    ),
    Family(
        id="data-engineer",
        aliases=("Data Engineer", "Data Platform Engineer", "ETL Developer", "Big Data Engineer"),
        head="Head of Data Engineering",
        managers=("the Head of Data Engineering", "the Data Platform Lead", "the Chief Data Officer"),
        duties=(
            "Design, build and maintain batch and streaming data pipelines for the {product}",
            "Write ETL and ELT jobs that ingest data from source systems and third-party APIs",
            "Design data warehouse and lakehouse structures, including dimensional models for analytics",
            "Orchestrate workflows in {orchestrator}, and schedule and monitor the data jobs",
            "Implement data quality checks, validation rules and remediation for failed loads",
            "Optimise pipeline performance, scalability and cloud cost as data volumes keep growing",
            "Implement access control, data governance and privacy controls for sensitive data",
            "Migrate data from legacy databases to the new cloud platform with full reconciliation",
            "Maintain metadata and data lineage so analysts can trust where each field comes from",
            "Set up CI/CD and automated tests for pipelines and transformation code",
            "Provide curated, documented datasets for analysts and data scientists",
            "Map data between source systems, the warehouse and downstream data marts",
            "Write efficient SQL and dbt models for the transformation layer of the warehouse",
            "Monitor pipeline failures and take part in the data platform on-call rota",
            "Evaluate new data tooling and write up recommendations for the platform roadmap",
        ),
        requirements=(
            "Experience building data pipelines in Python and SQL",
            "Hands-on experience with {orchestrator} or a similar orchestration tool",
            "Knowledge of data warehouse design and dimensional modelling",
            "Experience with a cloud data platform such as Snowflake, BigQuery, Redshift or Databricks",
            "Experience with dbt or a similar transformation tool",
            "An understanding of data quality, testing and CI/CD for data",
            "Familiarity with streaming tools such as Kafka or Kinesis",
            "Knowledge of data protection rules such as GDPR",
        ),
    ),
    Family(
        id="ux-designer",
        aliases=("UX Designer", "User Experience Designer", "Interaction Designer", "UX Researcher", "Service Designer"),
        head="Head of UX",
        managers=("the Head of Design", "the Design Director", "the Head of User-Centred Design"),
        duties=(
            "Plan and conduct user research with {users}, including interviews, contextual inquiry and surveys",
            "Run usability tests on prototypes and live services, and analyse the results with the team",
            "Create user journeys, user flows and journey maps for the main tasks in the {product}",
            "Produce wireframes and low and high fidelity prototypes to explore design ideas",
            "Define the information architecture, navigation and site map of the {product}",
            "Design interactions, from the overall flow down to individual form elements",
            "Create personas and synthesise research findings into clear insights for the team",
            "Test design hypotheses and iterate on the evidence from research",
            "Make sure designs meet WCAG accessibility standards and work with assistive technology",
            "Contribute patterns to the design system and reuse existing components where they fit",
            "Run design critiques and co-design workshops with product, engineering and {users}",
            "Define UX metrics such as task success rate and SUS scores and track them over time",
            "Map pain points across the service and prioritise them with the product manager",
            "Recruit research participants and handle consent and research data responsibly",
            "Share research playbacks with stakeholders so that decisions rest on user needs",
        ),
        requirements=(
            "A portfolio showing user-centred design work from research through to tested designs",
            "Experience planning and running user research and usability testing",
            "Skill in wireframing and prototyping in Figma or a similar tool",
            "Knowledge of information architecture and interaction design",
            "An understanding of the WCAG accessibility guidelines",
            "Experience working in agile, multidisciplinary teams",
            "The ability to present design decisions and research findings clearly",
            "Experience working with a design system",
        ),
    ),
    Family(
        id="ui-designer",
        aliases=("UI Designer", "Visual Designer", "User Interface Designer", "UI Visual Designer"),
        head=None,
        managers=("the Head of Design", "the Lead Product Designer", "the Brand Director"),
        duties=(
            "Design screen layouts and interface components for the {product} on web and mobile",
            "Own visual design decisions on typography, colour, spacing, iconography and imagery",
            "Create and maintain the UI style guide and the component library in Figma",
            "Produce high fidelity mockups and detailed design specs and redlines for developers",
            "Apply the brand guidelines consistently across every screen and marketing touchpoint",
            "Develop visual design concepts and refine them based on stakeholder feedback",
            "Design responsive layouts that work across screen sizes, devices and browsers",
            "Create UI animations and micro-interactions that make the interface feel responsive",
            "Check colour contrast, text sizing and touch targets against accessibility standards",
            "Build moodboards and storyboards to explore visual directions early in a project",
            "Prepare icons, illustrations and image assets in the right formats for engineering",
            "Review built screens against the designs and log visual defects for the developers",
            "Keep design tokens for colour, type and spacing in step with the front-end code",
            "Refresh the visual identity of the {product} while keeping it familiar to {users}",
            "Document the usage rules for each component so other designers apply them correctly",
        ),
        requirements=(
            "A strong portfolio of visual and interface design for web and mobile",
            "Expert skills in Figma and component-based design",
            "An excellent eye for typography, colour, layout and detail",
            "Experience building and maintaining design systems or style guides",
            "Knowledge of responsive design and of iOS and Android conventions",
            "An understanding of accessibility requirements for visual design",
            "Experience handing designs over to developers with clear specs",
            "Some knowledge of HTML and CSS",
        ),
    ),
)

FAMILY_BY_ID: dict[str, Family] = {f.id: f for f in FAMILIES}

# Confusable neighbours (ROLES.md "confused pairs"): a mismatch takes its duties from one of these.
NEIGHBOURS: dict[str, tuple[str, ...]] = {
    "product-owner": ("product-manager", "business-analyst", "scrum-master", "project-manager"),
    "product-manager": ("product-owner", "product-marketing-manager", "project-manager", "business-analyst"),
    "business-analyst": ("product-owner", "data-analyst", "product-manager"),
    "scrum-master": ("delivery-manager", "project-manager", "product-owner"),
    "project-manager": ("program-manager", "delivery-manager", "scrum-master", "product-manager"),
    "program-manager": ("project-manager", "engineering-manager", "delivery-manager"),
    "delivery-manager": ("scrum-master", "project-manager", "engineering-manager"),
    "product-marketing-manager": ("product-manager",),
    "engineering-manager": ("tech-lead", "project-manager", "software-engineer"),
    "tech-lead": ("engineering-manager", "software-engineer"),
    "software-engineer": ("tech-lead", "data-engineer"),
    "data-analyst": ("data-scientist", "data-engineer", "business-analyst"),
    "data-scientist": ("data-analyst", "data-engineer"),
    "data-engineer": ("data-scientist", "software-engineer", "data-analyst"),
    "ux-designer": ("ui-designer", "product-manager"),
    "ui-designer": ("ux-designer", "software-engineer"),
}

# Non-discriminating duties (ROLES.md "generic phrases"): a posting gets zero to two of them.
GENERIC_DUTIES: tuple[str, ...] = (
    "Work with stakeholders across the business to understand their priorities and constraints",
    "Collaborate with colleagues in other disciplines to reach shared team goals",
    "Communicate clearly with the team and with senior leaders about progress and decisions",
    "Attend stand-ups and team meetings, and help keep the team culture positive",
    "Share knowledge through show and tells, written notes and informal mentoring",
    "Keep up with good practice in your field and bring new ideas to the team",
)

GENERIC_REQUIREMENTS: tuple[str, ...] = (
    "Clear written and spoken communication",
    "A collaborative approach and comfort working with people from other disciplines",
    "Good organisation and the ability to juggle competing priorities",
    "Curiosity and a willingness to learn from mistakes",
    "Experience in {sector}, though this is not essential",
    "The ability to work independently and to ask for help early",
)

NICE_TO_HAVE: tuple[str, ...] = (
    "Experience in {sector}",
    "Experience in the public sector or another regulated environment",
    "A second language",
    "Experience at a fast-growing company",
    "Talks, blog posts or open-source work you are proud of",
    "Experience of working with remote or distributed teams",
    "Knowledge of accessibility and inclusive design",
    "Familiarity with the {product} or a similar service",
)

SECTORS: tuple[Sector, ...] = (
    Sector("freight and logistics", ("Freight", "Logistics", "Haulage", "Transport"),
           ("route planning platform", "depot scheduling app", "fleet tracking service", "delivery booking portal"),
           ("drivers", "depot managers", "dispatch teams")),
    Sector("digital health", ("Health", "Care", "Clinics", "Medical"),
           ("appointment booking service", "patient record viewer", "remote monitoring app", "referral management system"),
           ("patients", "clinicians", "practice staff")),
    Sector("local public services", ("Council", "District Council", "City Council"),
           ("council tax portal", "housing repairs service", "planning application service", "school admissions system"),
           ("residents", "caseworkers", "housing officers")),
    Sector("online retail", ("Retail", "Stores", "Market", "Goods"),
           ("checkout", "product catalogue", "loyalty app", "returns service"),
           ("shoppers", "store managers", "merchandisers")),
    Sector("consumer finance", ("Bank", "Finance", "Pay", "Capital"),
           ("mobile banking app", "loan application journey", "payments API", "savings platform"),
           ("customers", "underwriters", "small business owners")),
    Sector("insurance", ("Insurance", "Mutual", "Assurance"),
           ("claims portal", "quote engine", "policy administration system", "broker platform"),
           ("policyholders", "claims handlers", "brokers")),
    Sector("energy supply", ("Energy", "Power", "Utilities"),
           ("smart meter app", "billing platform", "tariff comparison tool", "field engineer scheduler"),
           ("households", "field engineers", "energy traders")),
    Sector("education technology", ("Learning", "Education", "Academy"),
           ("learning platform", "assessment tool", "timetabling system", "parent app"),
           ("teachers", "students", "school administrators")),
    Sector("travel", ("Travel", "Journeys", "Holidays"),
           ("booking engine", "itinerary app", "partner extranet", "pricing service"),
           ("travellers", "hotel partners", "travel agents")),
    Sector("agricultural technology", ("Agri", "Farms", "Harvest"),
           ("crop monitoring app", "farm management platform", "livestock tracking service", "supply marketplace"),
           ("farmers", "agronomists", "growers")),
    Sector("the charity sector", ("Trust", "Foundation", "Charity"),
           ("donations platform", "volunteer scheduling app", "helpline case system", "grant management tool"),
           ("supporters", "volunteers", "service users")),
    Sector("digital media", ("Media", "Studios", "Publishing"),
           ("streaming app", "newsroom publishing system", "subscription service", "recommendation engine"),
           ("subscribers", "editors", "advertisers")),
    Sector("property", ("Homes", "Property", "Estates", "Living"),
           ("tenant portal", "lettings platform", "maintenance booking app", "valuation tool"),
           ("tenants", "landlords", "letting agents")),
    Sector("industrial manufacturing", ("Manufacturing", "Industries", "Engineering", "Works"),
           ("production planning system", "quality inspection app", "supplier portal", "maintenance scheduler"),
           ("plant operators", "quality engineers", "buyers")),
)

NAME_STEMS: tuple[str, ...] = (
    "Larkspur", "Northgate", "Ashby", "Brightwater", "Kestrel", "Halden", "Marlow", "Ferncroft",
    "Oakridge", "Tidewell", "Corrin", "Pellham", "Silverbirch", "Quayside", "Redfern", "Westmere",
    "Copperfield", "Juniper", "Alderway", "Bramble", "Calder", "Dunmore", "Elmstead", "Fallow",
    "Greystone", "Hawthorn", "Ivybridge", "Kingsmoor", "Lowther", "Millbrook", "Newhaven", "Orrin",
    "Penrose", "Rowan", "Saltmarsh", "Thornbury", "Upton", "Valebrook", "Wrenfield", "Yarrow",
)

TEAMS: tuple[str, ...] = (
    "Payments", "Onboarding", "Customer Accounts", "Platform", "Growth", "Operations Tools", "Insights",
    "Search", "Checkout", "Scheduling", "Identity", "Notifications", "Billing", "Reporting", "Mobile",
    "Partner Integrations", "Data Platform", "Case Management", "Self Service", "Field Operations",
    "Pricing", "Customer Support Tools", "Core Services", "Web Experience",
)

# (city, currency symbol)
CITIES: tuple[tuple[str, str], ...] = (
    ("Leeds", "£"), ("Manchester", "£"), ("Bristol", "£"), ("Glasgow", "£"), ("Cardiff", "£"),
    ("Belfast", "£"), ("Birmingham", "£"), ("Edinburgh", "£"), ("Newcastle", "£"), ("Nottingham", "£"),
    ("Sheffield", "£"), ("London", "£"), ("Dublin", "€"), ("Amsterdam", "€"), ("Berlin", "€"),
    ("Lisbon", "€"), ("Toronto", "$"), ("Austin", "$"), ("Denver", "$"), ("Melbourne", "$"),
)

STACKS: tuple[str, ...] = (
    "Python and Django", "TypeScript and Node.js", "Go", "Java and Spring Boot", "Kotlin",
    "C# and .NET", "Ruby on Rails", "React and TypeScript", "Elixir", "Scala",
)
BI_TOOLS: tuple[str, ...] = ("Power BI", "Tableau", "Looker", "Metabase", "Qlik Sense")
ORCHESTRATORS: tuple[str, ...] = ("Airflow", "Dagster", "Prefect", "Azure Data Factory")
NUMBER_WORDS: tuple[str, ...] = ("three", "four", "five", "six", "seven", "eight", "nine")
MONTHS: tuple[str, ...] = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)

COMPANY_INTROS: tuple[str, ...] = (
    "{company} makes the {product} and a small family of related tools for {users}. We started in {city} in {year} and now employ {staff} people across {offices} offices.",
    "Founded in {year}, {company} works in {sector}. Our {product} handles the day-to-day work of around {reach} {users}, and our {product2} is growing quickly.",
    "At {company} we believe {sector} should be simpler for the people who depend on it. We are a team of {staff} based in {city}, and our products reach {reach} {users}.",
    "{company} is a {size_adj} organisation in {sector}. For more than {age} years we have helped {users} get things done, first on paper and now through the {product}.",
    "We are {company}. Our {product} replaced a tangle of spreadsheets and phone calls for {users}, and today it supports {reach} of them across the country.",
    "{company} is an employee-owned business in {sector}, with {staff} colleagues and a head office in {city}. We design, build and run the {product} ourselves.",
    "Every week, {reach} {users} rely on the {product} from {company}. We are profitable, independent and growing steadily, with {staff} people on the payroll.",
    "{company} was set up in {year} by a group of former {users} who were tired of clumsy tools. We now serve customers in {markets} countries from our base in {city}.",
    "Our mission at {company} is to make {sector} fairer and easier to navigate. We do that by building the {product} and the {product2}, both of which we run in-house.",
    "{company} is part of a larger group in {sector}, but our digital team of {staff} works like a start-up, with its own budget and its own roadmap.",
)

COMPANY_DETAILS: tuple[str, ...] = (
    "We are investing heavily in our digital capability this year. The {team} team is at the centre of that work, and we are adding {n} new roles to it.",
    "Our teams are small, multidisciplinary and trusted to make decisions. We write things down, share what we learn, and try hard to avoid meetings that could have been a message.",
    "We care about doing good work at a sustainable pace. Most of us work a hybrid pattern, meeting in {city} {days} a week and working from home the rest of the time.",
    "Last year we moved our main systems to the cloud and rebuilt the {product2}. The next step is to make the {product} faster, clearer and cheaper to run.",
    "We are backed by long-term investors who are happy for us to grow steadily rather than at any cost. That gives us room to fix foundations as well as ship new features.",
    "The people who use our products are at the heart of how we work. Everyone, from engineers to finance, spends time with {users} each quarter to see the service in action.",
    "We have a friendly, informal culture and a strong habit of learning together. Lunch-and-learn sessions, guilds and a shared reading list are part of normal life here.",
    "Our customers include some of the largest names in {sector}, but we also work with hundreds of small organisations that rely on us just as much.",
    "We were recently named one of the best places to work in {city}, and we are proud that {pct} percent of our staff would recommend us to a friend.",
    "Our digital team sits alongside the operations staff who use our tools, so feedback arrives quickly and releases can be tried with real users within days.",
)

COMPANY_CLOSERS: tuple[str, ...] = (
    "We are proud of what we have built so far, and clear-eyed about what still needs to improve.",
    "Our head office is in {city}, and we have smaller teams in {offices} other locations.",
    "Around a third of our staff have been with us for more than five years, which says a lot about the place.",
    "We reinvest most of what we earn in our products and our people.",
    "Our work is regulated, so we take security, privacy and careful record-keeping seriously.",
    "This year our priority is to make the {product} work as well for occasional users as it does for experts.",
    "We publish an annual impact report so that customers and staff can hold us to our promises.",
    "We are growing by about {growth} percent a year and expect that pace to continue.",
)

ROLE_OPENERS: tuple[str, ...] = (
    "As our new {title}, you will join the {team} team and report to {manager}.",
    "We are looking for {a_title} to join the {team} team, reporting to {manager}.",
    "This {title} role sits in the {team} team and reports to {manager}.",
    "You will join {company} as {a_title} in the {team} team, with {manager} as your line manager.",
    "We are hiring {a_title} for the {team} team; you will report to {manager}.",
)

ROLE_SENTENCES: tuple[str, ...] = (
    "This is a new role, created because the {product} has outgrown the way we used to work.",
    "You will work alongside {n} engineers, a designer and a researcher in a long-standing team.",
    "We are filling this position after a colleague moved into a wider role elsewhere in the company.",
    "The role is {contract} and based in {city}, with flexibility about where you work most days.",
    "Over the next year the {team} team will focus on making the {product} more reliable and easier to use.",
    "You will have real influence over how the team works and what it delivers.",
    "We expect your first three months to be about learning the domain, meeting {users} and understanding the current {product}.",
    "Success in this role means that {users} notice things have got better.",
    "You will join at an interesting time: the {product2} has just launched, and the {product} is next in line for investment.",
    "The role sits within our digital directorate, which has grown to around {dept} people over the last three years.",
    "If you like hard problems, plenty of autonomy and colleagues who care about the details, we would love to hear from you.",
    "The {team} team has a clear mission and backing from senior leadership, but plenty is still to be worked out.",
    "You will spend most of your time with the team, with regular time set aside for {users} and for stakeholders.",
    "We are open to candidates from other industries who can show they learn a new domain quickly.",
)

BENEFITS: tuple[str, ...] = (
    "{holiday} days of annual leave plus public holidays, rising with length of service",
    "A pension with employer contributions of up to {pension}%",
    "A personal learning budget of {cur}{learn} a year for courses, books and conferences",
    "Private medical insurance, with the option to add your family",
    "Flexible working hours and a hybrid working pattern",
    "Enhanced parental leave of {parental} weeks at full pay",
    "An annual bonus linked to company performance",
    "Share options, so everyone benefits from our growth",
    "A cycle to work scheme and an interest-free season ticket loan",
    "Life assurance of {life} times your salary",
    "Home office equipment of your choice and a monthly allowance towards internet costs",
    "Paid volunteering days to support a cause you care about",
    "An employee assistance programme and free, confidential mental health support",
    "Two wellbeing days a year on top of annual leave",
    "Regular team socials and a yearly company get-together",
    "A paid sabbatical after five years with us",
    "Dental and optical cover",
    "A referral bonus for people you help us hire",
    "A laptop and other kit of your choice",
)

APPLY_TEXTS: tuple[str, ...] = (
    "To apply, send your CV and a short cover letter explaining why this role interests you. We review applications as they arrive, so please do not wait until the closing date of {closing}.",
    "Apply through our careers site with a CV and answers to three short questions. Our process has {steps} stages, and we aim to give you feedback at each one within a week.",
    "Please apply by {closing}. If you have questions about the role before applying, email our recruitment team and the hiring manager will get back to you.",
    "We do not ask for a cover letter. Instead, tell us in up to {words} words about a piece of work you are proud of and what you learned from it.",
    "Interviews will take place in the two weeks after the closing date. We are happy to make reasonable adjustments at any stage; just tell us what you need.",
    "If you are not sure whether you meet every requirement, apply anyway. We would rather hear from you than miss someone with real potential.",
    "Send us your CV or a link to your profile, plus a few lines on what drew you to {company}. A real person reads every application.",
    "We will confirm receipt of your application within two working days and let you know the outcome, whatever it is, by {closing}.",
)

EEO_TEXTS: tuple[str, ...] = (
    "{company} is an equal opportunity employer. We welcome applications from everyone, whatever their age, disability, ethnicity, gender identity, religion, sexual orientation or background.",
    "We want our teams to reflect the communities we serve, and we particularly encourage applications from people who are under-represented in technology.",
    "We guarantee an interview to disabled applicants who meet the essential criteria for the role.",
    "Every qualified applicant gets fair consideration, whatever their race, sex, religion, national origin, disability or veteran status.",
    "We are committed to an inclusive hiring process. If you need this advert in another format, or want support during interviews, please let us know.",
    "Diverse teams build better products. We assess every candidate against the same criteria and train our interviewers to recognise bias.",
)

ABOUT_TEAM: tuple[str, ...] = (
    "The {team} team is {n} people: engineers, a designer, a researcher and a product lead. Most of them have been here for more than two years, and they are known across {company} for being thoughtful and easy to work with.",
    "You will join the {team} team, which looks after the {product} and a handful of internal tools. The team belongs to a wider group of around {dept} people who share standards, tooling and a weekly demo.",
    "The {team} team was formed last year to bring together work that used to be spread across three departments. It has already shipped a new version of the {product2} and is now turning to the {product}.",
    "Our {team} team is small but experienced, with a mix of long-serving colleagues and recent hires. You will have an onboarding buddy and protected time to get to know the domain.",
)

PRODUCT_TEXTS: tuple[str, ...] = (
    "The {product} is used by {reach} {users}. It started as an internal tool and grew into our main product, so parts of it are modern and parts of it show their age. We have a clear plan for modernising it without disrupting the people who depend on it every day.",
    "The {product} brings together information that used to live in several separate systems. Its next version has to handle more traffic, more data and more kinds of user than the first, and that is where this role comes in.",
    "Our {product} competes with much larger suppliers and wins because it is simpler to use and better supported. Keeping that advantage as we grow is the biggest challenge the {team} team faces.",
    "Alongside the {product}, we run the {product2}, and the two share a good deal of data and design. Over the next two years we want them to feel like one coherent service rather than two products stitched together.",
)

FIRST_YEAR: tuple[str, ...] = (
    "By the end of your first quarter you will know the {product} well, have met a good cross-section of {users}, and share a view with the team of what to tackle first. By the end of the year we would like to see measurable improvement in the areas you chose to focus on.",
    "In the first few weeks you will meet the people you will work with most and spend time watching how {users} use the {product}. After that, we expect you to take ownership of your area and shape the team's plans for the following two quarters.",
    "Within six months you should be trusted by the team and by stakeholders as the go-to person for your area. Within a year, the {team} team should be able to point to clear outcomes that you helped bring about.",
    "Success here is not about how busy you look. It is about the difference the {team} team makes for {users}, and how well the team works together while doing it.",
)

VALUES: tuple[str, ...] = (
    "Start with the people we serve: every decision begins with what {users} need",
    "Be open: we share plans, numbers and mistakes with the whole company",
    "Decide close to the work: the people nearest a problem usually understand it best",
    "Leave things better than you found them, from code to processes to meeting notes",
    "Look after each other, especially when the pressure is on",
    "Keep it simple: fewer, better things beat many half-finished ones",
    "Spend money as if it were our own, because in a sense it is",
)

CHECKS: tuple[str, ...] = (
    "Successful candidates need to pass a basic background check, including right-to-work and reference checks, before their start date. We will guide you through the process and cover any costs.",
    "Because of the data this team handles, the role requires security vetting. Most checks take two to four weeks, and you can usually start while they are completed.",
    "You must have the right to work in the country where the role is based. We are unable to offer visa sponsorship for this position.",
)

HOW_WE_WORK: tuple[str, ...] = (
    "We plan in quarters and review progress every two weeks. Teams choose their own tools within a few sensible guardrails, and we keep short decision records so that new joiners can see why things are the way they are.",
    "Our teams release small changes often, usually several times a day. We pair on tricky problems, review each other's work, and hold a fortnightly show and tell for anyone in the company who wants to see what has changed.",
    "We keep meetings few and short. Most discussion happens in writing, which suits colleagues who work part time or in other time zones, and we protect two afternoons a week for focused work.",
    "Every team has a clear mission, a small set of measures and the freedom to decide how to reach them. Leaders set direction and clear obstacles rather than dictate solutions.",
    "We believe good services come from understanding the people who use them. Research sessions are open to everyone, and recordings and notes are shared so the whole team hears {users} in their own words.",
    "We work in the open where we can. Much of our code and many of our design decisions are published, and we are glad to learn from other organisations doing similar work.",
)

WORKING_PATTERN: tuple[str, ...] = (
    "This role is based in our {city} office, with a hybrid pattern of {days} a week on site. We are open to part-time and job-share arrangements and to compressed hours.",
    "You can work from anywhere in the country, with occasional travel to {city} for planning days. We cover travel costs and schedule these days well in advance.",
    "Core hours are ten until four; outside them you can arrange your day around your life. We also consider requests for a nine-day fortnight.",
    "The team meets in {city} {days} a week, usually midweek. The rest of the time you can work from home or from one of our regional hubs.",
)

SALARY_TEXTS: tuple[str, ...] = (
    "The salary for this role is {salary}, depending on experience. We publish a range for every role and review pay each year against the market.",
    "We offer {salary} plus a full benefits package. Most people join in the lower half of the range and move through it after annual reviews.",
    "Pay for this position is {salary}. We do not negotiate outside the published range, which keeps pay fair for people already in the team.",
)

INTERVIEW_STEPS: tuple[str, ...] = (
    "A short call with our recruiter to talk about the role and answer your questions",
    "A conversation with the hiring manager about your experience",
    "A practical exercise based on a realistic problem from our work, discussed together rather than marked in silence",
    "A panel interview with two or three of the people you would work with",
    "An informal chat with members of the team, with no assessment involved",
    "A final conversation with a senior leader about your goals and our plans",
)

PROSE_OPENERS: tuple[str, ...] = (
    "In this role you will", "Day to day, you will", "Your main job is to", "A big part of the role is to",
    "Most weeks you will", "Your core work is to",
)
PROSE_FOLLOWERS: tuple[str, ...] = (
    "You will also", "We will also ask you to", "From time to time you will", "Alongside that, you will",
    "You will", "Expect to", "It also falls to you to",
)
LIST_INTROS: tuple[str, ...] = ("You will:", "In this role you will:", "Day to day, you will:", "We'll ask you to:")
REQ_INTROS: tuple[str, ...] = ("You will need:", "We are looking for:", "You should have:", "Essential:")

HEADINGS: dict[str, tuple[str, ...]] = {
    "about": ("About us", "About {company}", "Who we are", "The company", "Our organisation", "About the organisation"),
    "role": ("About the role", "The role", "The opportunity", "Role overview", "Overview", "Purpose of the role", "Why this role matters"),
    "team": ("About the team", "The team", "Who you'll work with", "Your team"),
    "product": ("About the {product}", "The product", "What we are building", "The service"),
    "first_year": ("What success looks like", "Your first year", "In your first six months", "How we'll measure success"),
    "values": ("Our values", "What we value", "How we behave"),
    "checks": ("Pre-employment checks", "Eligibility", "Before you apply"),
    "duties": ("Responsibilities", "What you'll do", "Key duties", "Your day to day", "Main duties", "Key responsibilities",
               "What you will be doing", "Duties and responsibilities", "The job", "What you will do"),
    "reqs": ("What you bring", "Requirements", "Skills and experience", "About you", "What we're looking for",
             "Essential criteria", "Who you are", "You'll need"),
    "nice": ("Nice to have", "Bonus points", "Desirable", "Desirable criteria", "It would be great if you also have"),
    "how": ("How we work", "Ways of working", "Our ways of working", "Working here"),
    "benefits": ("Benefits", "What we offer", "Perks and benefits", "Why join us", "What you'll get", "Rewards"),
    "pattern": ("Working pattern", "Location and hours", "Where and when you'll work", "Flexible working"),
    "salary": ("Salary", "Pay", "Salary and grade", "Compensation"),
    "apply": ("How to apply", "Applying", "Next steps", "Ready to apply?", "The application process"),
    "interview": ("Interview process", "What happens next", "Our hiring process", "Selection process"),
    "eeo": ("Equal opportunities", "Diversity and inclusion", "Our commitment to inclusion", "Equal opportunity statement"),
}

# Section order; "about_late" is used instead of "about" in some postings.
ORDER: tuple[str, ...] = (
    "about", "product", "role", "team", "duties", "first_year", "reqs", "nice", "how", "values",
    "benefits", "pattern", "salary", "about_late", "apply", "interview", "checks", "eeo",
)
# Optional sections, switched on one by one until the posting is near its sampled target size.
EXTRAS: tuple[str, ...] = ("product", "team", "first_year", "how", "values", "pattern", "salary", "interview", "checks")


def _pick_weighted(rng: random.Random, options: tuple[str, ...], weights: tuple[int, ...]) -> str:
    return rng.choices(options, weights=weights)[0]


def _fill(template: str, slots: dict[str, str]) -> str:
    return template.format_map(slots)


def _heading(text: str, style: str) -> str:
    if style == "h2":
        return f"## {text}"
    if style == "h3":
        return f"### {text}"
    if style == "bold":
        return f"**{text}**"
    if style == "boldcolon":
        return f"**{text}**" if text.endswith("?") else f"**{text}:**"
    return text if text.endswith("?") else f"{text}:"  # "colon": a plain label line


def _wrap_item(marker: str, text: str) -> list[str]:
    """Split a long bullet onto a second line indented under its text (as hand-wrapped Markdown)."""
    width = 72 - len(marker)
    cut = text.rfind(" ", 0, width)
    if cut <= 20 or len(text) <= width:
        cut = text.rfind(" ", 0, len(text) * 3 // 5)
    if cut <= 0:
        return [f"{marker} {text}"]
    return [f"{marker} {text[:cut]}", " " * (len(marker) + 1) + text[cut + 1:]]


def _bullets(items: list[str], marker: str, period: str, wraps: list[bool]) -> str:
    lines: list[str] = []
    for i, item in enumerate(items):
        mark = f"{i + 1}." if marker == "1." else marker
        text = item if not period or item.endswith((".", "?", "!")) else item + period
        if wraps[i % len(wraps)] and len(text) > 70:
            lines.extend(_wrap_item(mark, text))
        else:
            lines.append(f"{mark} {text}")
    return "\n".join(lines)


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _slots(rng: random.Random, family: Family) -> dict[str, str]:
    sector = rng.choice(SECTORS)
    stem = rng.choice(NAME_STEMS)
    form = rng.random()
    if form < 0.7:
        company = f"{stem} {rng.choice(sector.suffixes)}"
    elif form < 0.85:
        company = f"{stem} & {rng.choice([s for s in NAME_STEMS if s != stem])}"
    else:
        company = f"{stem} {rng.choice(('Group', 'Digital', 'Labs', 'Systems', 'Ltd'))}"
    product, product2 = rng.sample(sector.products, 2)
    city, cur = rng.choice(CITIES)
    year = rng.randint(1962, 2019)
    lo = rng.randrange(32, 100) * 1000
    hi = lo + rng.randrange(5, 22) * 1000
    if cur == "€":
        salary = f"€{lo:,} – €{hi:,}".replace(",", ".")
    else:
        salary = f"{cur}{lo:,} – {cur}{hi:,}"
    closing = f"{rng.randint(1, 28)} {rng.choice(MONTHS)} {rng.choice((2025, 2026))}"
    return {
        "company": company,
        "sector": sector.name,
        "product": product,
        "product2": product2,
        "users": rng.choice(sector.users),
        "team": rng.choice(TEAMS),
        "city": city,
        "cur": cur,
        "n": rng.choice(NUMBER_WORDS),
        "years": rng.choice(("two", "three", "four", "five", "six")),
        "stack": rng.choice(STACKS),
        "bi_tool": rng.choice(BI_TOOLS),
        "orchestrator": rng.choice(ORCHESTRATORS),
        "manager": rng.choice(family.managers),
        "year": str(year),
        "age": str(max(5, (2025 - year) // 5 * 5)),
        "staff": f"{rng.randrange(40, 2400, 10):,}",
        "dept": str(rng.randrange(60, 400, 10)),
        "reach": f"{rng.randrange(3, 900) * 1000:,}",
        "offices": rng.choice(("two", "three", "four", "five")),
        "markets": str(rng.randint(3, 30)),
        "size_adj": rng.choice(("mid-sized", "well-established", "small but ambitious", "not-for-profit")),
        "days": rng.choice(("one day", "two days", "three days")),
        "pct": str(rng.randint(80, 96)),
        "contract": rng.choice(("permanent and full time", "a 12-month fixed-term contract",
                                "permanent, with part-time hours considered", "permanent, 37 hours a week")),
        "salary": salary,
        "closing": closing,
        "steps": rng.choice(("three", "four")),
        "words": rng.choice(("300", "400", "500")),
        "holiday": str(rng.randint(25, 33)),
        "pension": str(rng.randint(5, 12)),
        "learn": f"{rng.randrange(500, 2500, 100):,}",
        "parental": str(rng.choice((16, 20, 24, 26))),
        "life": rng.choice(("three", "four")),
        "growth": str(rng.randint(8, 40)),
        "ref": f"{rng.choice(('JD', 'REQ', 'VAC', 'R'))}-{rng.randint(1000, 99999)}",
    }


def _article(title: str) -> str:
    """'a' or 'an' for a title ("an IT Project Manager", "a UX Designer")."""
    vowel = title[:1] in "AEIO" or (title[:1] == "U" and not title.startswith(("UX", "UI", "User")))
    return ("an " if vowel else "a ") + title


def _title(rng: random.Random, family: Family, team: str) -> tuple[str, str]:
    """The posting's title, and the same without any team suffix (for use in sentences)."""
    base = family.aliases[0] if rng.random() < 0.55 else rng.choice(family.aliases[1:])
    title = base
    if rng.random() < 0.4:
        level = _pick_weighted(rng, ("Senior", "Lead", "Junior", "Principal", "Associate", "Head of"),
                               (40, 20, 12, 10, 8, 10))
        if level == "Head of":
            title = family.head if family.head else f"Senior {base}"
        elif level.lower() not in base.lower():
            title = f"{level} {base}"
    roll = rng.random()
    if roll < 0.12:
        return f"{title} – {team}", title
    if roll < 0.17:
        return f"{title} ({team})", title
    return title, title


def _duty_pool(rng: random.Random, kind: str, title_family: Family) -> tuple[list[str], Family]:
    """Fourteen duty templates, shuffled (the posting shows a prefix of 8-14 of them), and the
    family whose requirement lines fit those duties (the duties' family for a mismatch)."""
    generic = rng.sample(GENERIC_DUTIES, rng.choice((0, 0, 1, 1, 2)))
    if kind == "match":
        own = rng.sample(title_family.duties, 14 - len(generic))
        pool = own + generic
        req_family = title_family
    elif kind == "hybrid":
        other = FAMILY_BY_ID[rng.choice(NEIGHBOURS[title_family.id])]
        n_other = rng.randint(4, 6)
        pool = rng.sample(title_family.duties, 14 - n_other - len(generic)) + rng.sample(other.duties, n_other) + generic
        req_family = title_family
    else:  # mismatch: the title's family contributes at most two duties
        other = FAMILY_BY_ID[rng.choice(NEIGHBOURS[title_family.id])]
        n_own = rng.choice((0, 1, 1, 2))
        pool = rng.sample(other.duties, 14 - n_own - len(generic)) + rng.sample(title_family.duties, n_own) + generic
        req_family = other
    rng.shuffle(pool)
    return pool, req_family


@dataclass
class _Posting:
    """Pre-sampled choices for one posting; `render` lays them out with the current counts."""

    head: str
    blocks: dict[str, str] = field(default_factory=dict)
    reqs: list[str] = field(default_factory=list)
    req_n: int = 9
    req_prefix: str = ""
    nice: list[str] = field(default_factory=list)
    nice_n: int = 0
    nice_prefix: str = ""
    benefits: list[str] = field(default_factory=list)
    ben_n: int = 6
    ben_prefix: str = ""
    role_sentences: list[str] = field(default_factory=list)
    role_n: int = 4
    role_prefix: str = ""
    marker: str = "-"
    period: str = ""
    wraps: list[bool] = field(default_factory=list)
    active: set[str] = field(default_factory=set)

    def render(self) -> str:
        parts = [self.head]
        for key in ORDER:
            if key == "role":
                parts.append(self.role_prefix + " ".join(self.role_sentences[: self.role_n]))
            elif key == "reqs":
                parts.append(self.req_prefix + _bullets(self.reqs[: self.req_n], self.marker, self.period, self.wraps))
            elif key == "nice":
                if self.nice_n:
                    parts.append(self.nice_prefix + _bullets(self.nice[: self.nice_n], self.marker, self.period, self.wraps))
            elif key == "benefits":
                parts.append(self.ben_prefix + _bullets(self.benefits[: self.ben_n], self.marker, self.period, self.wraps[3:]))
            elif key in self.blocks and (key not in EXTRAS or key in self.active):
                parts.append(self.blocks[key])
        return "\n\n".join(parts) + "\n"


def _section_prefix(rng: random.Random, key: str, style: str, slots: dict[str, str]) -> str:
    """The heading of a section plus the blank line (or bare newline) that separates it from the body."""
    text = _fill(rng.choice(HEADINGS[key]), slots)
    if rng.random() < 0.1:  # sloppy postings mix heading styles
        style = rng.choice(("h2", "h3", "bold", "boldcolon", "colon"))
    gap = "\n" if style in ("colon", "boldcolon") and rng.random() < 0.5 else "\n\n"
    return _heading(text, style) + gap


def _head(rng: random.Random, title: str, slots: dict[str, str]) -> str:
    location = rng.choice((f"{slots['city']} (hybrid)", f"{slots['city']}, {slots['days']} a week in the office",
                           "Remote", f"{slots['city']} or remote"))
    fields = [("Location", location), ("Salary", slots["salary"]),
              ("Contract", rng.choice(("Permanent, full time", "Permanent", "Fixed term, 12 months", "Permanent, 37.5 hours"))),
              ("Team", slots["team"]), ("Closing date", slots["closing"]), ("Reference", slots["ref"])]
    chosen = [f for f in fields if rng.random() < 0.6]
    layout = _pick_weighted(rng, ("h1", "front", "jobline", "setext"), (68, 12, 12, 8))
    if layout == "front":
        yaml = [f'title: "{title}"', f"company: {slots['company']}"]
        yaml += [f"{name.lower().replace(' ', '_')}: {value}" for name, value in chosen]
        return "---\n" + "\n".join(yaml) + "\n---"
    if layout == "jobline":
        first = rng.choice((f"Job title: {title}", f"**Job title:** {title}"))
    elif layout == "setext":
        first = f"{title}\n{'=' * len(title)}"
    else:
        first = f"# {title}"
    if not chosen or rng.random() < 0.3:
        return first
    meta_style = rng.choice(("bold", "plain", "list"))
    if meta_style == "bold":
        meta = "\n".join(f"**{name}:** {value}  " for name, value in chosen).rstrip()
    elif meta_style == "plain":
        meta = "\n".join(f"{name}: {value}" for name, value in chosen)
    else:
        meta = "\n".join(f"- {name}: {value}" for name, value in chosen)
    sep = "\n" if layout == "jobline" and meta_style != "list" else "\n\n"
    return first + sep + meta


def _duties_block(rng: random.Random, prefix: str, duties: list[str], marker: str, period: str, wraps: list[bool]) -> str:
    if rng.random() < 0.1:  # prose only: no list
        paragraphs: list[str] = []
        openers = rng.sample(PROSE_OPENERS, len(PROSE_OPENERS))  # 14 duties make at most 5 paragraphs
        followers = rng.sample(PROSE_FOLLOWERS, len(PROSE_FOLLOWERS))
        rest = list(duties)
        while rest:
            take = rng.randint(3, 4)
            chunk, rest = rest[:take], rest[take:]
            sentences = [f"{openers[len(paragraphs)]} {_lower_first(chunk[0])}."]
            for d in chunk[1:]:
                followers.append(followers.pop(0))  # rotate so consecutive sentences differ
                sentences.append(f"{followers[-1]} {_lower_first(d)}.")
            paragraphs.append(" ".join(sentences))
        body = "\n\n".join(paragraphs)
        return (prefix if rng.random() < 0.6 else "") + body
    intro = rng.choice(LIST_INTROS) + "\n\n" if rng.random() < 0.2 else ""
    return prefix + intro + _bullets(duties, marker, period, wraps)


def _build(rng: random.Random) -> str:
    kind = _pick_weighted(rng, ("match", "hybrid", "mismatch"), (65, 10, 25))
    family = rng.choice(FAMILIES)
    slots = _slots(rng, family)
    title, plain_title = _title(rng, family, slots["team"])
    slots["title"] = plain_title
    slots["a_title"] = _article(plain_title)
    style = _pick_weighted(rng, ("h2", "h3", "bold", "boldcolon", "colon"), (50, 15, 12, 13, 10))
    marker = _pick_weighted(rng, ("-", "*", "1."), (60, 25, 15))
    period = "." if rng.random() < 0.3 else ""
    wraps = [rng.random() < 0.08 for _ in range(24)]

    post = _Posting(head=_head(rng, title, slots), marker=marker, period=period, wraps=wraps)

    def prefix(key: str) -> str:
        return _section_prefix(rng, key, style, slots)

    intro, detail = rng.choice(COMPANY_INTROS), rng.choice(COMPANY_DETAILS)
    about = _fill(intro, slots) + "\n\n" + _fill(detail, slots) + " " + _fill(rng.choice(COMPANY_CLOSERS), slots)
    about_key = "about_late" if rng.random() < 0.12 else "about"
    post.blocks[about_key] = (prefix("about") if about_key == "about_late" or rng.random() < 0.8 else "") + about

    post.role_prefix = prefix("role")
    post.role_sentences = [_fill(rng.choice(ROLE_OPENERS), slots)]
    post.role_sentences += [_fill(s, slots) for s in rng.sample(ROLE_SENTENCES, 4)]
    post.role_n = rng.randint(3, 5)

    pool, req_family = _duty_pool(rng, kind, family)
    duties = [_fill(d, slots) for d in pool][: rng.randint(8, 14)]
    duty_marker = marker if rng.random() < 0.85 else rng.choice(("-", "*", "1."))
    post.blocks["duties"] = _duties_block(rng, prefix("duties"), duties, duty_marker, period, wraps)

    reqs = rng.sample(req_family.requirements, 8) + rng.sample(GENERIC_REQUIREMENTS, 4)
    rng.shuffle(reqs)
    post.reqs = [_fill(r, slots) for r in reqs]
    post.req_n = rng.randint(7, 12)
    post.req_prefix = prefix("reqs") + (rng.choice(REQ_INTROS) + "\n\n" if rng.random() < 0.15 else "")

    leftover = [r for r in req_family.requirements if _fill(r, slots) not in post.reqs]
    nice = [_fill(r, slots) for r in leftover + rng.sample(NICE_TO_HAVE, 4)]
    post.nice = [x for x in nice if not any(r.startswith(x) for r in post.reqs)]  # no repeats of a requirement
    post.nice_n = rng.randint(3, 5) if rng.random() < 0.45 else 0
    post.nice_prefix = prefix("nice")

    post.benefits = [_fill(b, slots) for b in rng.sample(BENEFITS, 8)]
    post.ben_n = rng.randint(5, 8)
    post.ben_prefix = prefix("benefits")

    post.blocks["team"] = prefix("team") + _fill(rng.choice(ABOUT_TEAM), slots)
    post.blocks["how"] = prefix("how") + _fill(rng.choice(HOW_WE_WORK), slots)
    post.blocks["product"] = prefix("product") + _fill(rng.choice(PRODUCT_TEXTS), slots)
    post.blocks["first_year"] = prefix("first_year") + _fill(rng.choice(FIRST_YEAR), slots)
    values = [_fill(v, slots) for v in rng.sample(VALUES, 4)]
    post.blocks["values"] = prefix("values") + _bullets(values, marker, period, [False])
    post.blocks["checks"] = prefix("checks") + _fill(rng.choice(CHECKS), slots)
    post.blocks["pattern"] = prefix("pattern") + _fill(rng.choice(WORKING_PATTERN), slots)
    post.blocks["salary"] = prefix("salary") + _fill(rng.choice(SALARY_TEXTS), slots)
    steps = sorted(rng.sample(range(len(INTERVIEW_STEPS)), rng.randint(3, 5)))
    post.blocks["interview"] = prefix("interview") + _bullets([INTERVIEW_STEPS[i] for i in steps], "1.", period, [False])

    apply = "\n\n".join(_fill(t, slots) for t in rng.sample(APPLY_TEXTS, rng.randint(1, 2)))
    eeo = "\n\n".join(_fill(t, slots) for t in rng.sample(EEO_TEXTS, rng.randint(1, 2)))
    if rng.random() < 0.6:
        post.blocks["apply"] = prefix("apply") + apply
        post.blocks["eeo"] = prefix("eeo") + eeo
    else:
        post.blocks["apply"] = prefix("apply") + apply + "\n\n" + (f"_{eeo}_" if "\n" not in eeo and rng.random() < 0.4 else eeo)

    _fit(rng, post)
    return post.render()


def _size(post: _Posting) -> int:
    return len(post.render().encode("utf-8"))


def _fit(rng: random.Random, post: _Posting) -> None:
    """Add optional sections while that brings the size closer to a sampled target; then clamp to bounds."""
    target = min(max(rng.gauss(TARGET_MEAN, TARGET_SPREAD), MIN_BYTES + 200), MAX_BYTES - 200)
    size = _size(post)
    for name in rng.sample(EXTRAS, len(EXTRAS)):
        post.active.add(name)
        grown = _size(post)
        if abs(grown - target) < abs(size - target):
            size = grown
        else:
            post.active.discard(name)
    growers = [("req_n", 12), ("ben_n", 8), ("role_n", 5)]
    while size < MIN_BYTES:
        for attr, top in growers:
            if getattr(post, attr) < top:
                setattr(post, attr, getattr(post, attr) + 1)
                break
        else:
            missing = [e for e in EXTRAS if e not in post.active]
            if not missing:
                return  # cannot grow further; the caller rejects and redraws
            post.active.add(missing[0])
        size = _size(post)
    shrinkers = [("nice_n", 0), ("req_n", 7), ("ben_n", 5), ("role_n", 3)]
    while size > MAX_BYTES:
        for attr, bottom in shrinkers:
            if getattr(post, attr) > bottom:
                setattr(post, attr, 0 if attr == "nice_n" else getattr(post, attr) - 1)
                break
        else:
            if not post.active:
                return
            post.active.pop()
        size = _size(post)


def generate(count: int, seed: int = 0) -> list[tuple[str, str]]:
    """Return `count` (file name, Markdown text) pairs; the same seed gives the same postings."""
    if count < 0:
        raise ValueError("count must be >= 0")
    rng = random.Random(seed)
    seen: set[str] = set()
    out: list[tuple[str, str]] = []
    while len(out) < count:
        text = _build(rng)
        size = len(text.encode("utf-8"))
        if text in seen or not MIN_BYTES <= size <= MAX_BYTES:
            continue  # rare; redraw
        seen.add(text)
        out.append((f"posting-{len(out):05d}.md", text))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Write generated job postings (Markdown) for jdfix benchmarks.")
    ap.add_argument("outdir", type=Path, help="directory to write into (created if missing)")
    ap.add_argument("--count", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    outdir: Path = args.outdir
    outdir.mkdir(parents=True, exist_ok=True)
    sizes: list[int] = []
    for name, text in generate(args.count, args.seed):
        data = text.encode("utf-8")
        (outdir / name).write_bytes(data)
        sizes.append(len(data))
    if not sizes:
        print(f"0 postings written to {outdir}")
        return 0
    mean = sum(sizes) / len(sizes) / 1000
    print(f"{len(sizes)} postings written to {outdir}: mean {mean:.2f} KB, min {min(sizes) / 1000:.2f} KB, "
          f"max {max(sizes) / 1000:.2f} KB (1 KB = 1000 bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
